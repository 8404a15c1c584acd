package dev.tailor.recommend.neighbourhood;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link NeighbourhoodModel} ({@code "tailor.neighbourhood-model"}); see {@link dev.tailor.io.ModelRegistry}. */
final class NeighbourhoodModelFormat extends AbstractModelFormat<NeighbourhoodModel> {
    /** Instantiated by {@link dev.tailor.io.ModelRegistry}, which lists the core's formats. */
    NeighbourhoodModelFormat() {
        super(NeighbourhoodModel.FORMAT, NeighbourhoodModel.VERSION, NeighbourhoodModel.class, NeighbourhoodModel::writeTo, (in, version) -> NeighbourhoodModel.readFrom(in));
    }
}
