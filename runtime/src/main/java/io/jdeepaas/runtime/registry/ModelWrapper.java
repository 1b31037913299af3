package io.jdeepaas.runtime.registry;

import io.jdeepaas.runtime.errors.ApiException;
import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.InvalidArgumentsException;
import io.jdeepaas.runtime.errors.ModuleFailureException;
import io.jdeepaas.runtime.errors.NotImplementedException;
import io.jdeepaas.spi.BadInputException;
import io.jdeepaas.spi.InvalidArgumentException;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.TrainingContext;
import io.jdeepaas.spi.Tensor;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between the runtime and one module: every call into module code goes through here, and
 * here alone module failures become HTTP outcomes. Not implemented becomes 501, bad input 422 or
 * 400, anything else 500 with the module's message (logged with its stack trace).
 */
public final class ModelWrapper {

    private static final Logger LOG = LoggerFactory.getLogger(ModelWrapper.class);

    private final ModelEntryPoint module;
    private final boolean predicts;
    private final boolean trains;
    private final boolean infers;
    private final ResultMapping results = new ResultMapping();
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    private volatile VersionToLoad loaded = VersionToLoad.SHIPPED;

    public ModelWrapper(ModelEntryPoint module) {
        this.module = module;
        this.predicts = ModelCapabilities.predicts(module);
        this.trains = ModelCapabilities.trains(module);
        this.infers = ModelCapabilities.infers(module);
    }

    /** @return the id of the model version this module instance was warmed with ({@code "1"} until warmed) */
    public String version() {
        return loaded.id();
    }

    /** @return the model version this module instance was warmed with (the shipped weights until warmed) */
    public VersionToLoad loaded() {
        return loaded;
    }

    void loaded(VersionToLoad version) {
        loaded = version;
    }

    /** @return calls into this instance under way (see {@link ModelHandle#tryEnter()}) */
    int calls() {
        return calls.get();
    }

    void entered() {
        calls.incrementAndGet();
    }

    void exited() {
        calls.decrementAndGet();
    }

    /** @return the module itself, for reading its declarations */
    public ModelEntryPoint module() {
        return module;
    }

    /** @return whether the module implements {@code predict} */
    public boolean predicts() {
        return predicts;
    }

    /** @return whether the module implements {@code train} */
    public boolean trains() {
        return trains;
    }

    /**
     * Calls {@code predict}, translating failures, and checks its result once.
     *
     * @return a {@link io.jdeepaas.spi.BinaryResult} of the negotiated type, or the JSON value as a tree
     * @throws ModuleFailureException when the result cannot be answered (not JSON-able, undeclared type)
     */
    public Object predict(PredictRequest request) {
        if (!predicts) {
            throw new NotImplementedException("model '" + module.name() + "' does not implement predict");
        }
        Object result = call("predict", () -> module.predict(request));
        return results.predicted(module.name(), result, module.responseTypes(), request.responseType());
    }

    /** @return whether the module implements tensor inference ({@code infer}) */
    public boolean infers() {
        return infers;
    }

    /** @return the 501 answered when a module does not do tensor inference */
    public NotImplementedException notInferring() {
        return new NotImplementedException("model '" + module.name() + "' does not implement tensor inference; use POST /v2/models/"
                + module.name() + "/predict/");
    }

    /**
     * Calls {@code infer}, translating failures; an output that is null is a module failure.
     *
     * @param inputs the checked input tensors
     * @return the module's outputs
     */
    public List<Tensor> infer(List<Tensor> inputs) {
        if (!infers) {
            throw notInferring();
        }
        Object outputs = call("infer", () -> module.infer(inputs));
        if (!(outputs instanceof List<?> list) || list.stream().anyMatch(o -> !(o instanceof Tensor))) {
            throw new ModuleFailureException("model '" + module.name() + "' returned no list of tensors from infer", null);
        }
        @SuppressWarnings("unchecked")
        List<Tensor> tensors = (List<Tensor>) list;
        return tensors;
    }

    /**
     * Calls {@code train} on the current thread. Unlike predict, failures are returned to the
     * training service as they are (it records them); only "not implemented" is translated. The
     * result is checked like predict's: it comes back as plain JSON values (maps, lists, strings,
     * numbers, booleans), or a result JSON cannot hold
     * fails the training with a message naming the module and the type.
     */
    public Object train(TrainRequest request, TrainingContext context) throws Exception {
        if (!trains) {
            throw notTrainable();
        }
        Object result = withModuleClassLoader(() -> module.train(request, context));
        return result == null ? null : results.plain(module.name(), "train", result);
    }

    /** @return the 501 answered when a module does not train */
    public NotImplementedException notTrainable() {
        return new NotImplementedException("model '" + module.name() + "' does not implement train");
    }

    private Object call(String what, Callable<Object> body) {
        try {
            return withModuleClassLoader(body);
        } catch (ApiException e) {
            throw e;
        } catch (UnsupportedOperationException e) {
            throw new NotImplementedException(messageOf(e, "model '" + module.name() + "' does not implement " + what));
        } catch (InvalidArgumentException e) {
            throw InvalidArgumentsException.of(e.argument(), messageOf(e, "invalid value"));
        } catch (BadInputException e) {
            throw new BadRequestException(messageOf(e, "the input cannot be used"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleFailureException("model '" + module.name() + "' was interrupted", e);
        } catch (Exception | LinkageError | AssertionError e) {
            LOG.error("model={} {} failed: {}", module.name(), what, e.toString(), e);
            throw new ModuleFailureException("model '" + module.name() + "' failed to " + what + ": "
                    + messageOf(e, e.getClass().getName()), e);
        }
    }

    /** Runs module code with the module's class loader as context loader (engines look there). */
    public <T> T withModuleClassLoader(Callable<T> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(module.getClass().getClassLoader());
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String messageOf(Throwable e, String fallback) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? fallback : message;
    }
}
