package dev.tailor.data;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link IdIndex} ({@code "tailor.id-index"}); see {@link dev.tailor.io.ModelRegistry}. */
final class IdIndexFormat extends AbstractModelFormat<IdIndex> {
    /** Instantiated by {@link dev.tailor.io.ModelRegistry}, which lists the core's formats. */
    IdIndexFormat() {
        super(IdIndex.FORMAT, IdIndex.VERSION, IdIndex.class, IdIndex::writeTo, (in, version) -> IdIndex.readFrom(in));
    }
}
