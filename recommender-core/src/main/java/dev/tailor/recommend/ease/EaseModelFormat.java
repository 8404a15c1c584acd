package dev.tailor.recommend.ease;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link EaseModel} ({@code "tailor.ease-model"}); see {@link dev.tailor.io.ModelRegistry}. */
public final class EaseModelFormat extends AbstractModelFormat<EaseModel> {
    /** For the service loader. */
    public EaseModelFormat() {
        super(EaseModel.FORMAT, EaseModel.VERSION, EaseModel.class, EaseModel::writeTo, (in, version) -> EaseModel.readFrom(in));
    }
}
