package io.jdeepaas.testkit;

import io.jdeepaas.runtime.registry.DeclarationChecks;
import io.jdeepaas.spi.ModelEntryPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks the runtime makes when it loads a module (a valid name; defaults of the declared type,
 * in range and among the allowed values; no reserved argument names; metadata and response types
 * present), run in a unit test so a mistake fails the build instead of the served model.
 *
 * <pre>{@code
 * @Test void theDeclarationsLoad() { ModuleContract.check(new Echo()); }
 * }</pre>
 */
public final class ModuleContract {

    private ModuleContract() {
    }

    /**
     * @param module an entry point
     * @return what the runtime would refuse, one phrase each; empty when it loads
     */
    public static List<String> problems(ModelEntryPoint module) {
        List<String> problems = new ArrayList<>();
        String name;
        try {
            name = module.name();
        } catch (RuntimeException e) {
            problems.add("no name (" + e.getMessage() + ")");
            name = null;
        }
        if (name != null) {
            String nameProblem = DeclarationChecks.nameProblem(name);
            if (nameProblem != null) {
                problems.add(nameProblem);
            }
            String annotationProblem = DeclarationChecks.annotationProblem(module, name);
            if (annotationProblem != null) {
                problems.add(annotationProblem);
            }
        }
        problems.addAll(DeclarationChecks.problems(module));
        return problems;
    }

    /**
     * @param module an entry point
     * @throws AssertionError listing what the runtime would refuse
     */
    public static void check(ModelEntryPoint module) {
        List<String> problems = problems(module);
        if (!problems.isEmpty()) {
            throw new AssertionError(module.getClass().getName() + " would be served as failed: it declares "
                    + String.join("; ", problems));
        }
    }
}
