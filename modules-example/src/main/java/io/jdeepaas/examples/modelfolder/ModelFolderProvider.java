package io.jdeepaas.examples.modelfolder;

import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelProvider;
import io.jdeepaas.spi.ProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Serves every model folder under the {@code model-store} setting ({@code --model-store DIR}):
 * each sub-folder with a valid {@code model.json} and its model file becomes a
 * {@link FolderModel}. Folders are taken in name order; a folder whose descriptor is missing or
 * malformed is skipped with a warning saying why, and the others are served. Without the setting
 * the provider serves nothing.
 */
public final class ModelFolderProvider implements ModelProvider {

    /** The setting naming the model store. */
    public static final String SETTING = "model-store";

    private static final System.Logger LOG = System.getLogger(ModelFolderProvider.class.getName());

    @Override
    public List<ModelEntryPoint> entryPoints(ProviderContext context) throws IOException {
        Path store = context.setting(SETTING).map(Path::of).orElse(null);
        if (store == null) {
            return List.of();
        }
        if (!Files.isDirectory(store)) {
            throw new IOException("model store " + store + " is not a folder");
        }
        List<ModelEntryPoint> models = new ArrayList<>();
        for (Path folder : folders(store)) {
            try {
                ModelDescriptor descriptor = ModelDescriptor.read(folder);
                models.add(new FolderModel(descriptor));
                LOG.log(System.Logger.Level.INFO, "model-store: serving " + descriptor.name() + " (" + descriptor.engine()
                        + ") from " + folder);
            } catch (InvalidDescriptorException e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage());
            }
        }
        return models;
    }

    private static List<Path> folders(Path store) throws IOException {
        try (Stream<Path> children = Files.list(store)) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }
}
