package dev.tailor.recommend.als;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link FactorModel} ({@code "tailor.factor-model"}); see {@link dev.tailor.io.ModelRegistry}. */
final class FactorModelFormat extends AbstractModelFormat<FactorModel> {
    /** Instantiated by {@link dev.tailor.io.ModelRegistry}, which lists the core's formats. */
    FactorModelFormat() {
        super(FactorModel.FORMAT, FactorModel.VERSION, FactorModel.class, FactorModel::writeTo, FactorModel::readFrom);
    }
}
