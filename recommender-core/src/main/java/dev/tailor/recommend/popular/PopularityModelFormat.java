package dev.tailor.recommend.popular;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link MostPopular}'s models ({@code "tailor.popularity-model"}). */
final class PopularityModelFormat extends AbstractModelFormat<MostPopular.Model> {
    /** Instantiated by {@link dev.tailor.io.ModelRegistry}, which lists the core's formats. */
    PopularityModelFormat() {
        super(MostPopular.Model.FORMAT, MostPopular.Model.VERSION, MostPopular.Model.class, MostPopular.Model::writeTo,
                MostPopular.Model::readFrom);
    }
}
