package dev.tailor.fit;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link FitModel} ({@code "tailor.fit-model"}); see {@link dev.tailor.io.ModelRegistry}. */
final class FitModelFormat extends AbstractModelFormat<FitModel> {
    /** Instantiated by {@link dev.tailor.io.ModelRegistry}, which lists the core's formats. */
    FitModelFormat() {
        super(FitModel.FORMAT, FitModel.VERSION, FitModel.class, FitModel::writeTo, FitModel::readFrom);
    }
}
