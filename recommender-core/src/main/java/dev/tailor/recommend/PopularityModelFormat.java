package dev.tailor.recommend;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link MostPopular}'s models ({@code "tailor.popularity-model"}). */
public final class PopularityModelFormat extends AbstractModelFormat<MostPopular.Model> {
    /** For the service loader. */
    public PopularityModelFormat() {
        super(MostPopular.Model.FORMAT, MostPopular.Model.VERSION, MostPopular.Model.class, MostPopular.Model::writeTo,
                MostPopular.Model::readFrom);
    }
}
