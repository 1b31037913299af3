/**
 * Helpers for modules that take images: {@link io.jdeepaas.spi.images.UploadedImages} reads an
 * uploaded image's header and refuses, before anything is decoded, an image whose pixels would take
 * more memory than the module allows ({@link io.jdeepaas.spi.images.ImageLimits}). A small file can
 * claim a huge image: a few hundred kilobytes of PNG decode to hundreds of megabytes.
 *
 * <p>JDK only (ImageIO): PNG, JPEG, GIF and BMP, plus any format whose ImageIO plug-in is on the
 * module's class path.
 */
package io.jdeepaas.spi.images;
