package dev.tailor.fit;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link FitModel} ({@code "tailor.fit-model"}); see {@link dev.tailor.io.ModelRegistry}. */
public final class FitModelFormat extends AbstractModelFormat<FitModel> {
    /** For the service loader. */
    public FitModelFormat() {
        super(FitModel.FORMAT, FitModel.VERSION, FitModel.class, FitModel::writeTo, FitModel::readFrom);
    }
}
