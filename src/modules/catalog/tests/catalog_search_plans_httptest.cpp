// The catalog search answers a query either from the candidates of its rarest branch (fetched by id,
// then sorted) or by walking the sort index (see plan_search in storage/item_search.cpp). Whichever
// it picks, a user must see the same items in the same order: this test forces each plan on a small
// catalog, on SQLite and PostgreSQL, and compares every page. A second, disabled test measures both
// plans on 100 000 items (run it with --gtest_also_run_disabled_tests).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "core/clock.hpp"
#include "core/text/search_text.hpp"
#include "modules/catalog/model/item_validation.hpp"
#include "modules/catalog/storage/item_search.hpp"
#include "modules/catalog/storage/item_store.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using catalog::ItemListQuery;
using catalog::storage::SearchTuning;

const std::vector<std::string> kFamilies{"PLB", "ELEC", "MENU", "PEINT", "MO"};
const std::vector<std::string> kNouns{"Tube", "Raccord", "Câble", "Vis", "Plaque", "Peinture", "Joint", "Robinet",
                                      "Gaine", "Tasseau", "Enduit", "Prise", "Interrupteur", "Coude", "Manchon"};
const std::vector<std::string> kMaterials{"cuivre", "laiton", "inox", "PVC", "chêne", "acrylique", "plâtre", "zinc"};
const std::vector<std::string> kSizes{"12 mm", "16 mm", "20 mm", "1 m", "2,5 m²", "10 L", "blanc mat", "Ø 32"};

// A deterministic catalog: item i has a family reference, and a label from word lists whose
// frequencies differ ("tube" is common, "manchon zinc" rare).
catalog::CatalogItem generated(std::size_t i) {
    catalog::CatalogItem item;
    char ref[32];
    std::snprintf(ref, sizeof ref, "%s-%06zu", kFamilies[i % kFamilies.size()].c_str(), i);
    item.reference = ref;
    item.label = kNouns[(i * 7) % kNouns.size()] + " " + kMaterials[(i / 3) % kMaterials.size()] + " " +
                 kSizes[(i / 11) % kSizes.size()];
    item.kind = i % 5 == 4 ? catalog::ItemKind::Service : catalog::ItemKind::Goods;
    item.unit_price = Decimal::from_scaled(static_cast<std::int64_t>(100 + i % 9000), 2);
    item.category = i % 4 == 0 ? "Fournitures" : i % 4 == 1 ? "Main d'œuvre" : "";
    return item;
}

class CatalogSearchPlans : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Acme", "admin@acme.test");
    }

    void seed(std::size_t count) {
        auto conn = app->app().db().acquire();
        conn->begin(true);
        const std::string now = now_iso();
        for (std::size_t i = 0; i < count; ++i) {
            auto item = generated(i);
            item.id = catalog::storage::insert_item(*conn, acme.id, item, 0, now);
            catalog::storage::reindex_item(*conn, acme.id, item);
            if (i % 13 == 12) catalog::storage::set_active(*conn, acme.id, item.id, false, 0, now);
        }
        conn->commit();
        // What autovacuum does after a bulk of inserts: statistics, and the visibility map that lets
        // PostgreSQL read ids from the term index alone.
        if (conn->dialect() == store::Dialect::Postgres)
            for (const char* table : {"catalog_items", "catalog_item_terms"})
                conn->execute_script(std::string("VACUUM ANALYZE ") + table);  // one statement each: not in a transaction
        else conn->execute_script("ANALYZE");
    }

    // The ids of every page of the query, following the cursor to the end.
    std::vector<std::int64_t> all_pages(ItemListQuery query, const SearchTuning& tuning, int limit = 4) {
        std::vector<std::int64_t> ids;
        auto conn = app->app().db().acquire();
        query.limit = limit;
        for (int guard = 0; guard < 1000; ++guard) {
            auto page = catalog::storage::list_items(*conn, acme.id, query, tuning);
            for (const auto& item : page.items) ids.push_back(item.id);
            if (page.next_cursor.empty()) break;
            query.cursor = page.next_cursor;
        }
        return ids;
    }

    std::unique_ptr<TestApp> app;
    TestCompany acme;
};

TEST_P(CatalogSearchPlans, EveryPlanGivesTheSameItemsInTheSameOrder) {
    seed(240);
    const SearchTuning walk{0, 1 << 30};      // nothing is rare enough: walk the whole sort index
    const SearchTuning candidates{1 << 30};   // everything is: always fetch the candidates
    const SearchTuning short_probe{0, 7};     // probe a few rows, then fall back to the candidates
    std::vector<ItemListQuery> queries;
    for (std::string q : {"tube", "tu", "plb", "plb-0001", "PLB-00012", "elec-", "cuivre 12", "chêne tasseau", "t c",
                          "manchon zinc", "peint", "mo", "zzz", "2,5", "ø"}) {
        for (auto sort : {catalog::ItemSort::Reference, catalog::ItemSort::Label}) {
            ItemListQuery query;
            query.q = q;
            query.sort = sort;
            queries.push_back(query);
        }
        ItemListQuery inactive;
        inactive.q = q;
        inactive.active = false;
        queries.push_back(inactive);
        ItemListQuery filtered;
        filtered.q = q;
        filtered.kind = catalog::ItemKind::Service;
        filtered.category = "main d'oeuvre";
        queries.push_back(filtered);
    }
    std::size_t non_empty = 0;
    for (const auto& query : queries) {
        auto a = all_pages(query, walk), b = all_pages(query, candidates), c = all_pages(query, SearchTuning{});
        EXPECT_EQ(a, b) << "q=" << query.q << " sort=" << catalog::to_code(query.sort) << " active=" << query.active;
        EXPECT_EQ(a, c) << "q=" << query.q;
        EXPECT_EQ(a, all_pages(query, short_probe)) << "q=" << query.q;
        non_empty += a.empty() ? 0 : 1;
    }
    EXPECT_GT(non_empty, queries.size() / 2);  // the comparison is not vacuous
}

// The matching rule, written the slow and obvious way, against what the index finds.
TEST_P(CatalogSearchPlans, FindsExactlyWhatTheRuleSays) {
    constexpr std::size_t kCount = 240;
    seed(kCount);
    auto starts_some_word = [](const std::vector<std::string>& words, const std::string& prefix) {
        return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return w.starts_with(prefix); });
    };
    for (std::string q : {"tube", "plb-00", "Cuivre 12", "chene", "mo", "rob cui 12"}) {
        std::vector<std::string> expected;
        for (std::size_t i = 0; i < kCount; ++i) {
            if (i % 13 == 12) continue;  // inactive
            auto item = generated(i);
            auto words = catalog::storage::search_terms_of(item);
            auto typed = search_tokens(q);
            bool by_words = !typed.empty() && std::all_of(typed.begin(), typed.end(), [&](const std::string& t) {
                return starts_some_word(words, t);
            });
            if (catalog::reference_key(item.reference).starts_with(catalog::reference_key(q)) || by_words)
                expected.push_back(item.reference);
        }
        std::sort(expected.begin(), expected.end());
        ItemListQuery query;
        query.q = q;
        query.limit = 200;
        auto conn = app->app().db().acquire();
        std::vector<std::string> found;
        for (const auto& item : catalog::storage::list_items(*conn, acme.id, query).items) found.push_back(item.reference);
        EXPECT_EQ(found, expected) << q;
        EXPECT_FALSE(expected.empty()) << q;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogSearchPlans, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
