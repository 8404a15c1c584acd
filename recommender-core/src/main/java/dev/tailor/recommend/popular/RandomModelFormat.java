package dev.tailor.recommend.popular;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link RandomItems}' models ({@code "tailor.random-model"}). */
final class RandomModelFormat extends AbstractModelFormat<RandomItems.Model> {
    /** Instantiated by {@link dev.tailor.io.ModelRegistry}, which lists the core's formats. */
    RandomModelFormat() {
        super(RandomItems.Model.FORMAT, RandomItems.Model.VERSION, RandomItems.Model.class, RandomItems.Model::writeTo,
                RandomItems.Model::readFrom);
    }
}
