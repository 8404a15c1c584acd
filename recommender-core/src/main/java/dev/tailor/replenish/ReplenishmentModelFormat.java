package dev.tailor.replenish;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link ReplenishmentModel} ({@code "tailor.replenishment-model"}). */
final class ReplenishmentModelFormat extends AbstractModelFormat<ReplenishmentModel> {
    /** Instantiated by {@link dev.tailor.io.ModelRegistry}, which lists the core's formats. */
    ReplenishmentModelFormat() {
        super(ReplenishmentModel.FORMAT, ReplenishmentModel.VERSION, ReplenishmentModel.class, ReplenishmentModel::writeTo,
                (in, version) -> ReplenishmentModel.readFrom(in));
    }
}
