package dev.tailor.recommend.popular;

import dev.tailor.data.IdIndex;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Recommender;

/** What the popularity and random baselines share: the training rows (to leave out owned items) and frozen ids. */
abstract class BaselineModel implements Recommender {
    final SparseMatrix owners;
    private final IdIndex customers;
    private final IdIndex items;
    final WeightingPolicy policy;

    BaselineModel(SparseMatrix owners, IdIndex customers, IdIndex items, WeightingPolicy policy) {
        this.owners = owners;
        this.customers = customers.frozenCopy();
        this.items = items.frozenCopy();
        this.policy = policy;
    }

    @Override
    public final CustomerHistory history(int customer) {
        return CustomerHistory.ofRow(owners, customer);
    }

    @Override
    public final IdIndex customers() {
        return customers;
    }

    @Override
    public final IdIndex items() {
        return items;
    }

    @Override
    public final WeightingPolicy policy() {
        return policy;
    }
}
