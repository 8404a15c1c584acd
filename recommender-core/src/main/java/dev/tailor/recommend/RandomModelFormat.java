package dev.tailor.recommend;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link RandomItems}' models ({@code "tailor.random-model"}). */
public final class RandomModelFormat extends AbstractModelFormat<RandomItems.Model> {
    /** For the service loader. */
    public RandomModelFormat() {
        super(RandomItems.Model.FORMAT, RandomItems.Model.VERSION, RandomItems.Model.class, RandomItems.Model::writeTo,
                RandomItems.Model::readFrom);
    }
}
