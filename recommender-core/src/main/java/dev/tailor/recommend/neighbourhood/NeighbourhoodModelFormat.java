package dev.tailor.recommend.neighbourhood;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link NeighbourhoodModel} ({@code "tailor.neighbourhood-model"}); see {@link dev.tailor.io.ModelRegistry}. */
public final class NeighbourhoodModelFormat extends AbstractModelFormat<NeighbourhoodModel> {
    /** For the service loader. */
    public NeighbourhoodModelFormat() {
        super(NeighbourhoodModel.FORMAT, NeighbourhoodModel.VERSION, NeighbourhoodModel.class, NeighbourhoodModel::writeTo, (in, version) -> NeighbourhoodModel.readFrom(in));
    }
}
