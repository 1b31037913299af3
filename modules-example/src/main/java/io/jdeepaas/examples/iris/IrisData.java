package io.jdeepaas.examples.iris;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Fisher's Iris data set (1936, public domain): 150 flowers, 50 of each species, four
 * measurements in centimetres. Shipped as the resource {@code iris.csv} next to this class, with
 * the values of Fisher's paper (as in R's {@code datasets::iris}).
 *
 * @param flowers every flower, in the file's order
 */
public record IrisData(List<Flower> flowers) {

    /** The species, in label order. */
    public static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");

    /** The measurements, in feature order. */
    public static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

    /** The seed of the fixed held-out split, so every training is judged on the same flowers. */
    static final long SPLIT_SEED = 20240601L;

    /**
     * One flower.
     *
     * @param features the four measurements, in {@link #FEATURES} order
     * @param label the species' index in {@link #SPECIES}
     */
    public record Flower(float[] features, int label) {
    }

    /**
     * Training rows and held-out rows.
     *
     * @param train rows to fit on
     * @param validation rows to judge on, never fitted
     */
    public record Split(List<Flower> train, List<Flower> validation) {
    }

    /**
     * Reads the shipped CSV.
     *
     * @return the 150 flowers
     */
    public static IrisData load() {
        try (InputStream in = IrisData.class.getResourceAsStream("iris.csv")) {
            if (in == null) {
                throw new IllegalStateException("resource iris.csv is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Flower> flowers = new ArrayList<>();
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    flowers.add(parse(line));
                }
            }
            return new IrisData(List.copyOf(flowers));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read iris.csv", e);
        }
    }

    private static Flower parse(String line) {
        String[] cells = line.split(",");
        float[] features = new float[4];
        for (int i = 0; i < 4; i++) {
            features[i] = Float.parseFloat(cells[i]);
        }
        int label = SPECIES.indexOf(cells[4].trim());
        if (label < 0) {
            throw new IllegalStateException("unknown species in iris.csv: " + cells[4]);
        }
        return new Flower(features, label);
    }

    /**
     * Holds out the same share of each species, chosen with a fixed seed.
     *
     * @param heldOutShare the share of each species held out, e.g. 0.2
     * @return the split; with 0.2, 120 training rows and 30 held-out rows (10 per species)
     */
    public Split stratifiedSplit(double heldOutShare) {
        Random random = new Random(SPLIT_SEED);
        List<Flower> train = new ArrayList<>();
        List<Flower> validation = new ArrayList<>();
        for (int label = 0; label < SPECIES.size(); label++) {
            List<Flower> ofSpecies = new ArrayList<>();
            for (Flower f : flowers) {
                if (f.label() == label) {
                    ofSpecies.add(f);
                }
            }
            Collections.shuffle(ofSpecies, random);
            int held = (int) Math.round(ofSpecies.size() * heldOutShare);
            validation.addAll(ofSpecies.subList(0, held));
            train.addAll(ofSpecies.subList(held, ofSpecies.size()));
        }
        return new Split(List.copyOf(train), List.copyOf(validation));
    }
}
