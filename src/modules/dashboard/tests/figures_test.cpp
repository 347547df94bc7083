// Receivables by age and the ranking of top clients: pure functions of their inputs.
#include <gtest/gtest.h>

#include "modules/dashboard/model/dashboard.hpp"

namespace comptoir::dashboard {
namespace {

Money eur(std::int64_t cents) { return Money::from_cents(cents); }

TEST(DashboardFigures, ReceivablesAreAgedByDueDate) {
    const auto bounds = age_bounds("2026-03-31");
    const auto r = age_receivables({{1, "", eur(100)},
                                    {1, "2026-04-30", eur(200)},
                                    {2, "2026-03-15", eur(300)},
                                    {2, "2026-02-15", eur(400)},
                                    {3, "2026-01-15", eur(500)},
                                    {3, "2025-06-01", eur(600)},
                                    {3, "2025-05-01", eur(700)}},
                                   bounds);
    EXPECT_EQ(r.ageing[0].amount, eur(300));  // no due date, or not yet due
    EXPECT_EQ(r.ageing[0].invoices, 2);
    EXPECT_EQ(r.ageing[1].amount, eur(300));
    EXPECT_EQ(r.ageing[2].amount, eur(400));
    EXPECT_EQ(r.ageing[3].amount, eur(500));
    EXPECT_EQ(r.ageing[4].amount, eur(1300));
    EXPECT_EQ(r.ageing[4].invoices, 2);
    EXPECT_EQ(r.ageing[4].bucket, AgeBucket::Over90);
    EXPECT_EQ(r.outstanding(), eur(2800));
    EXPECT_EQ(r.overdue(), eur(2500));
    EXPECT_EQ(r.invoices(), 7);
    EXPECT_EQ(r.overdue_invoices(), 5);
    EXPECT_EQ(age_receivables({}, bounds).outstanding(), Money{});
}

TEST(DashboardFigures, TopClientsAreTheLargestInvoicedExcludingVat) {
    std::vector<TopClient> all;
    for (std::int64_t id = 1; id <= 14; ++id) all.push_back({id, "", eur(id * 100), eur(id * 120), Money{}});
    all.push_back({20, "", eur(1400), eur(1), Money{}});  // a tie: the smaller id first
    all.push_back({21, "", eur(0), eur(0), Money{}});     // credited as much as invoiced: not a top client
    all.push_back({22, "", eur(-500), eur(-600), Money{}});
    auto top = rank_top_clients(all, 10);
    ASSERT_EQ(top.size(), 10u);
    EXPECT_EQ(top[0].client_id, 14);
    EXPECT_EQ(top[1].client_id, 20);
    EXPECT_EQ(top[9].client_id, 6);
    EXPECT_EQ(rank_top_clients({{21, "", eur(0), eur(0), Money{}}}, 10).size(), 0u);
}

}  // namespace
}  // namespace comptoir::dashboard
