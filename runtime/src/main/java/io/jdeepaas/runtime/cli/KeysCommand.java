package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.auth.ApiKey;
import io.jdeepaas.runtime.auth.JdbcApiKeys;
import io.jdeepaas.runtime.auth.Role;
import io.jdeepaas.runtime.training.jdbc.Database;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keys create|list|revoke}: manages API keys in the runtime's database directly (while no
 * runtime holds the embedded database; with a running one, use {@code /v2/keys}).
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Creates, lists and revokes API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {

    private static void open(ModuleOptions modules, Consumer<JdbcApiKeys> work) {
        var config = modules.toConfig();
        try (Database database = Database.open(config.database(), config.dataDir())) {
            work.accept(new JdbcApiKeys(database));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a key and prints it, once.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ModuleOptions modules = new ModuleOptions();

        @Option(names = "--name", required = true, description = "The key's unique name, e.g. ci-bot.")
        String name;

        @Option(names = "--role", required = true, split = ",", description = "read, predict, train or admin.")
        java.util.List<String> roles;

        @Override
        public Integer call() {
            open(modules, keys -> {
                String key = keys.create(name, Role.parseList(String.join(",", roles)), "");
                System.out.println(key);
                System.err.println("API key '" + name + "' created; it is shown only now. Send it as "
                        + "'Authorization: Bearer <key>' or 'X-API-Key: <key>' to a runtime started with --api-keys.");
            });
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the keys (never their values).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        ModuleOptions modules = new ModuleOptions();

        @Override
        public Integer call() {
            open(modules, keys -> {
                for (ApiKey key : keys.list()) {
                    System.out.println(key.name() + "\t" + key.roles().stream().map(Role::label).sorted().toList()
                            + "\tcreated " + key.created() + "\tlast used " + (key.lastUsed() == null ? "never"
                            : key.lastUsed()));
                }
            });
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a key by name.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        ModuleOptions modules = new ModuleOptions();

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            int[] code = {0};
            open(modules, keys -> {
                if (keys.revoke(name)) {
                    System.out.println("revoked " + name);
                } else {
                    System.err.println("error: no API key named '" + name + "'");
                    code[0] = 2;
                }
            });
            return code[0];
        }
    }
}
