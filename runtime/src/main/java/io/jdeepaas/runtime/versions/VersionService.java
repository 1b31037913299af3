package io.jdeepaas.runtime.versions;

import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.ConflictException;
import io.jdeepaas.runtime.errors.NotFoundException;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.runtime.registry.VersionSwitcher;
import io.jdeepaas.runtime.registry.VersionToLoad;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions of the served models and their aliases: registering (from a training's model folder
 * or an upload), listing, aliasing, deleting, and serving the {@code production} alias. Moving
 * {@code production} warms the new version first ({@link VersionSwitcher}); only once it serves is
 * the alias written, so a version that fails to warm leaves everything as it was.
 */
public final class VersionService {

    /** The alias the unversioned routes serve. */
    public static final String PRODUCTION = "production";

    private static final Logger LOG = LoggerFactory.getLogger(VersionService.class);
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    private final JdbcVersions store;
    private final VersionFolders folders;
    private final ModelRegistry registry;
    private final VersionSwitcher switcher;
    private final Function<String, VersionPolicy> policies;
    private volatile Map<String, Split> splits = Map.of();
    /** The folders of the versions modules ship, by {@code model/number}. */
    private final Map<String, Path> shipped = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.util.function.BiConsumer<String, String> retired = (model, id) -> { };

    /**
     * @param store the tables
     * @param folders the files
     * @param registry the served models
     * @param switcher changes what a model serves
     * @param policies each model's policy
     */
    public VersionService(JdbcVersions store, VersionFolders folders, ModelRegistry registry, VersionSwitcher switcher,
                          Function<String, VersionPolicy> policies) {
        this.store = store;
        this.folders = folders;
        this.registry = registry;
        this.switcher = switcher;
        this.policies = policies;
    }

    /**
     * Gives every usable model the versions its module ships, the first time the runtime serves it:
     * version {@code 1} (the module's own weights), or each of its
     * {@link io.jdeepaas.spi.ModelEntryPoint#shippedVersions()}; and a {@code production} alias, at
     * the highest of them. A shipped version that appears at a later start becomes production
     * under the {@code latest} policy. Checks each model's policy.
     *
     * @throws io.jdeepaas.runtime.registry.StartupException on a policy that is not latest or pinned
     */
    public void initialise() {
        refreshSplits();
        for (ModelHandle model : registry.all()) {
            if (model.unusable() != null) {
                continue;
            }
            VersionPolicy policy = policy(model.name());
            int newest = registerShipped(model);
            Integer production = store.aliases(model.name()).get(PRODUCTION);
            if (production == null) {
                int first = newest > 0 ? newest
                        : store.list(model.name()).stream().mapToInt(ModelVersionRecord::number).max().orElse(1);
                try {
                    store.setAlias(model.name(), PRODUCTION, first, "");
                } catch (RuntimeException e) {
                    if (!store.aliases(model.name()).containsKey(PRODUCTION)) {
                        throw e; // not another replica starting at the same time
                    }
                }
            } else if (policy == VersionPolicy.LATEST && newest > production) {
                store.setAlias(model.name(), PRODUCTION, newest, "");
                LOG.info("model={} version={} shipped: production (policy latest)", model.name(), newest);
            }
        }
    }

    /**
     * Registers the versions a model's module ships that the database does not know yet (their
     * files described once, in place), and remembers the folders of those it serves.
     *
     * @return the highest number registered now, 0 when none is new
     */
    private int registerShipped(ModelHandle model) {
        Map<Integer, Path> dirs = ShippedVersions.of(model);
        int newest = 0;
        for (int number : dirs.isEmpty() ? List.of(1) : dirs.keySet()) {
            Path dir = dirs.get(number);
            boolean added = !store.known(model.name(), number) && store.insertIfAbsent(new JdbcVersions.NewVersion(
                    model.name(), VersionSource.MODULE, null, null, Map.of(),
                    dir == null ? List.of() : VersionFolders.describe(dir), ""), number);
            Optional<ModelVersionRecord> kept = store.find(model.name(), number); // empty once deleted
            if (kept.isEmpty()) {
                continue;
            }
            if (dir != null && !kept.get().source().equals(VersionSource.MODULE.label())) {
                LOG.warn("model={} the shipped version {} in {} is not served: version {} of the model is an {}",
                        model.name(), number, dir, number, kept.get().source());
                continue;
            }
            if (dir != null) {
                shipped.put(model.name() + "/" + number, dir);
            }
            newest = added ? Math.max(newest, number) : newest;
        }
        return newest;
    }

    /**
     * Says what to do once a version needs no instance of its own any more: it was deleted, or it
     * became production (the model's own instance serves it). The versioned routes unload the
     * instance they loaded for it.
     *
     * @param listener called with the model's name and the version's id
     */
    public void whenRetired(java.util.function.BiConsumer<String, String> listener) {
        retired = listener;
    }

    /** @return the model's canary split, if it has one (read from memory: cheap on every request) */
    public Optional<Split> split(String model) {
        return Optional.ofNullable(splits.get(model));
    }

    /**
     * Sends {@code percent} of the model's unversioned predict and infer requests to the version
     * {@code alias} points at.
     *
     * @throws BadRequestException on a share outside 1-99 or the production alias
     * @throws NotFoundException when the model has no such alias
     */
    public Split setSplit(String model, String alias, int percent, String who) {
        registry.get(model);
        if (alias.equals(PRODUCTION)) {
            throw new BadRequestException("the split sends a share to another alias than production, e.g."
                    + " {\"candidate\": 10}");
        }
        if (percent < 1 || percent > 99) {
            throw new BadRequestException("the share of a split is a whole percentage from 1 to 99, got " + percent);
        }
        if (!store.aliases(model).containsKey(alias)) {
            throw new NotFoundException("model '" + model + "' has no alias '" + alias + "'; set it first with PUT"
                    + " /v2/models/" + model + "/aliases/" + alias);
        }
        Split split = new Split(alias, percent);
        store.setSplit(model, split, who == null ? "" : who);
        refreshSplits();
        LOG.info("model={} split={}% to alias {}", model, percent, alias);
        return split;
    }

    /**
     * Ends the model's split, if it has one.
     *
     * @return whether it had one
     */
    public boolean removeSplit(String model) {
        registry.get(model);
        boolean removed = store.removeSplit(model);
        refreshSplits();
        return removed;
    }

    /** Reads the splits again (after a change here, or another replica's). */
    void refreshSplits() {
        splits = Map.copyOf(store.splits());
    }

    /** @return the model's policy */
    public VersionPolicy policy(String model) {
        return policies.apply(model);
    }

    /** @return what the model's {@code production} alias points at, to warm it */
    public VersionToLoad production(String model) {
        Integer number = store.aliases(model).get(PRODUCTION);
        return number == null ? VersionToLoad.SHIPPED : toLoad(model, number);
    }

    /**
     * @param ref a version id or alias
     * @return what warming that version loads
     * @throws NotFoundException when there is no such version
     */
    public VersionToLoad load(String model, String ref) {
        return toLoad(model, resolve(model, ref, store.aliases(model)));
    }

    private VersionToLoad toLoad(String model, int number) {
        ModelVersionRecord version = require(model, number);
        return version.source().equals(VersionSource.MODULE.label())
                ? new VersionToLoad(version.id(), shipped.get(model + "/" + number))
                : new VersionToLoad(version.id(), folders.dir(model, number));
    }

    /** @return the model's versions, newest first, each with its aliases */
    public List<ModelVersionRecord> list(String model) {
        registry.get(model);
        Map<String, Integer> aliases = store.aliases(model);
        return store.list(model).stream().map(v -> v.withAliases(aliasesOf(v.number(), aliases))).toList();
    }

    /**
     * @param ref a version number or an alias
     * @return that version, with its aliases
     * @throws NotFoundException when the model has no such version or alias
     */
    public ModelVersionRecord get(String model, String ref) {
        registry.get(model);
        Map<String, Integer> aliases = store.aliases(model);
        int number = resolve(model, ref, aliases);
        return require(model, number).withAliases(aliasesOf(number, aliases));
    }

    /** @return the aliases of a model, each with its version */
    public Map<String, Integer> aliases(String model) {
        registry.get(model);
        return store.aliases(model);
    }

    /**
     * Registers a finished training's model folder as a new version (its files are moved), and
     * serves it when the model's policy is {@code latest}.
     *
     * @param model the model
     * @param training the training's uuid
     * @param args its arguments
     * @param metrics its final metrics
     * @param modelDir the folder the module wrote
     * @return the new version, or empty when the folder holds no file
     */
    public Optional<ModelVersionRecord> registerTraining(String model, String training, Map<String, Object> args,
                                                         Map<String, Object> metrics, Path modelDir) {
        if (!VersionFolders.hasFiles(modelDir)) {
            return Optional.empty();
        }
        String who = store.trainingRequester(training);
        return Optional.of(register(new JdbcVersions.NewVersion(model, VersionSource.TRAINING, training, args, metrics,
                VersionFolders.describe(modelDir), who), modelDir));
    }

    /**
     * Registers uploaded files as a new version and serves it when the model's policy is
     * {@code latest}.
     *
     * @param body the upload (a zip of a folder, or one file)
     * @param fileName its name
     * @param maxBytes the most its files may hold in all
     * @param who the caller
     * @return the new version, with its aliases
     */
    public ModelVersionRecord registerUpload(String model, InputStream body, String fileName, long maxBytes,
                                             String who) {
        registry.get(model);
        Path staging = folders.staging(model);
        try {
            UploadedVersion.write(body, fileName, staging, maxBytes);
            return register(new JdbcVersions.NewVersion(model, VersionSource.UPLOAD, null, null, Map.of(),
                    VersionFolders.describe(staging), who), staging);
        } finally {
            VersionFolders.deleteTree(staging);
        }
    }

    private ModelVersionRecord register(JdbcVersions.NewVersion made, Path files) {
        ModelVersionRecord version = store.insert(made);
        folders.adopt(files, made.model(), version.number());
        LOG.info("model={} version={} registered source={} training={} files={}", made.model(), version.id(),
                made.source().label(), made.training() == null ? "-" : made.training(), made.files().size());
        if (policy(made.model()) == VersionPolicy.LATEST) {
            try {
                setAlias(made.model(), PRODUCTION, version.id(), made.registeredBy());
            } catch (RuntimeException e) {
                LOG.warn("model={} version={} was registered but not served: {}", made.model(), version.id(),
                        e.getMessage());
            }
        }
        return get(made.model(), version.id());
    }

    /**
     * Points an alias at a version. Moving {@code production} serves the version first (warmed
     * beside the old one); a version that fails to warm leaves the alias where it was.
     *
     * @return the version, with its aliases
     * @throws BadRequestException on a bad alias name
     * @throws NotFoundException when there is no such version
     */
    public ModelVersionRecord setAlias(String model, String alias, String ref, String who) {
        ModelHandle handle = registry.get(model);
        checkAlias(alias);
        int number = resolve(model, ref, store.aliases(model));
        VersionToLoad version = toLoad(model, number);
        synchronized (handle) { // one production change per model at a time: served and stored agree
            if (alias.equals(PRODUCTION)) {
                switcher.serve(handle, version);
                retired.accept(model, version.id());
            }
            store.setAlias(model, alias, number, who == null ? "" : who);
            Split split = splits.get(model);
            if (alias.equals(PRODUCTION) && split != null
                    && Integer.valueOf(number).equals(store.aliases(model).get(split.alias()))) {
                store.removeSplit(model); // the candidate is production now: the canary is over
                refreshSplits();
            }
        }
        LOG.info("model={} alias={} version={} by={}", model, alias, number, who == null || who.isEmpty() ? "-" : who);
        return get(model, String.valueOf(number));
    }

    /**
     * Removes an alias.
     *
     * @throws ConflictException for {@code production}, which every model keeps
     * @throws NotFoundException when the model has no such alias
     */
    public void removeAlias(String model, String alias) {
        registry.get(model);
        if (alias.equals(PRODUCTION)) {
            throw new ConflictException("the production alias cannot be removed; point it at another version instead");
        }
        if (!store.removeAlias(model, alias)) {
            throw new NotFoundException("model '" + model + "' has no alias '" + alias + "'");
        }
        Split split = splits.get(model);
        if (split != null && split.alias().equals(alias)) {
            store.removeSplit(model); // nothing left to send the share to
            refreshSplits();
        }
    }

    /**
     * Deletes a version and its files.
     *
     * @throws ConflictException when an alias points at it
     * @throws NotFoundException when there is no such version
     */
    public void delete(String model, String ref) {
        registry.get(model);
        int number = number(model, ref);
        require(model, number);
        List<String> pointing = store.delete(model, number);
        if (!pointing.isEmpty()) {
            throw new ConflictException("version " + number + " of model '" + model + "' is aliased as " + pointing
                    + "; point " + (pointing.size() == 1 ? "that alias" : "those aliases")
                    + " at another version (or remove them) before deleting it");
        }
        retired.accept(model, String.valueOf(number));
        folders.delete(model, number);
        LOG.info("model={} version={} deleted", model, number);
    }

    /** @return every model's production version by name, as the database says now */
    public Map<String, Integer> productions() {
        return store.productions();
    }

    /**
     * Makes this replica serve what the database says is production, where it differs (another
     * replica moved it); a version that fails to warm here is logged and tried again next time.
     */
    public void follow() {
        refreshSplits();
        Map<String, Integer> wanted = store.productions();
        for (ModelHandle model : registry.all()) {
            Integer number = wanted.get(model.name());
            if (number == null || !model.isReady() || String.valueOf(number).equals(model.version())) {
                continue;
            }
            synchronized (model) { // a local change may be half-way (served, not yet stored): read again after it
                Integer now = store.aliases(model.name()).get(PRODUCTION);
                if (now == null || String.valueOf(now).equals(model.version())) {
                    continue;
                }
                try {
                    switcher.serve(model, toLoad(model.name(), now));
                    retired.accept(model.name(), String.valueOf(now));
                } catch (RuntimeException e) {
                    LOG.warn("model={} version={} is production but failed to warm here: {}", model.name(), now,
                            e.getMessage());
                }
            }
        }
    }

    private int resolve(String model, String ref, Map<String, Integer> aliases) {
        Integer aliased = aliases.get(ref);
        return aliased != null ? aliased : number(model, ref);
    }

    private static int number(String model, String ref) {
        if (ref == null || !ref.matches("[1-9][0-9]{0,8}")) {
            throw new NotFoundException("model '" + model + "' has no version or alias '" + ref + "'");
        }
        return Integer.parseInt(ref);
    }

    private ModelVersionRecord require(String model, int number) {
        return store.find(model, number).orElseThrow(() -> new NotFoundException("model '" + model
                + "' has no version " + number + "; its versions are listed at /v2/models/" + model + "/versions"));
    }

    private static void checkAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new BadRequestException("an alias is a lower-case letter then up to 63 lower-case letters, digits,"
                    + " '_' or '-', got '" + alias + "'");
        }
    }

    private static List<String> aliasesOf(int number, Map<String, Integer> aliases) {
        List<String> names = new ArrayList<>();
        aliases.forEach((alias, version) -> {
            if (version == number) {
                names.add(alias);
            }
        });
        names.sort(Comparator.comparing((String a) -> !a.equals(PRODUCTION)).thenComparing(Comparator.naturalOrder()));
        return names;
    }
}
