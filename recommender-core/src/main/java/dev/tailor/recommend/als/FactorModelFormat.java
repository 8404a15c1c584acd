package dev.tailor.recommend.als;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link FactorModel} ({@code "tailor.factor-model"}); see {@link dev.tailor.io.ModelRegistry}. */
public final class FactorModelFormat extends AbstractModelFormat<FactorModel> {
    /** For the service loader. */
    public FactorModelFormat() {
        super(FactorModel.FORMAT, FactorModel.VERSION, FactorModel.class, FactorModel::writeTo, (in, version) -> FactorModel.readFrom(in));
    }
}
