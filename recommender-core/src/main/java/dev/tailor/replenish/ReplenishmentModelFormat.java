package dev.tailor.replenish;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link ReplenishmentModel} ({@code "tailor.replenishment-model"}). */
public final class ReplenishmentModelFormat extends AbstractModelFormat<ReplenishmentModel> {
    /** For the service loader. */
    public ReplenishmentModelFormat() {
        super(ReplenishmentModel.FORMAT, ReplenishmentModel.VERSION, ReplenishmentModel.class, ReplenishmentModel::writeTo,
                (in, version) -> ReplenishmentModel.readFrom(in));
    }
}
