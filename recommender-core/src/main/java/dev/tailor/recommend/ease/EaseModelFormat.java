package dev.tailor.recommend.ease;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link EaseModel} ({@code "tailor.ease-model"}); see {@link dev.tailor.io.ModelRegistry}. */
final class EaseModelFormat extends AbstractModelFormat<EaseModel> {
    /** Instantiated by {@link dev.tailor.io.ModelRegistry}, which lists the core's formats. */
    EaseModelFormat() {
        super(EaseModel.FORMAT, EaseModel.VERSION, EaseModel.class, EaseModel::writeTo, (in, version) -> EaseModel.readFrom(in));
    }
}
