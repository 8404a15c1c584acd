package dev.tailor.datasets.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.fit.FitData;
import dev.tailor.fit.FitEvaluation;
import dev.tailor.fit.FitModel;
import dev.tailor.fit.SizeFit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated shop's fit feedback comes from its customers' true sizes: the fit model must find them. */
class FitOnGeneratedShopTest {
    @Test
    void adviceRecoversTrueApparelSizesBetterThanTheMostFrequentSize() {
        GeneratedShop shop = ShopGenerator.builder().seed(11).customers(3000).build().generate();
        FitData data = FitData.builder(shop.events()).catalog(shop.catalog()).keptMeansFits(true).build();
        FitModel model = SizeFit.builder().threads(2).build().train(data);
        int dress = -1;
        for (int i = 0; i < shop.events().items().size() && dress < 0; i++) {
            if (shop.catalog().has(i) && shop.catalog().get(i).category().equals("dresses")) {
                dress = i;
            }
        }
        FitEvaluation.Recovery recovery = FitEvaluation.sizeRecovery(model, data, dress,
                List.of(ShopGenerator.APPAREL_SIZES), shop.truth().apparelSize());
        assertTrue(recovery.customers() > 1000, recovery.toString());
        assertTrue(recovery.advised() >= recovery.mostFrequent(), recovery.toString());
        assertTrue(recovery.advised() > 0.8, recovery.toString());
    }
}
