// GET /api/v1/dashboard on SQLite and PostgreSQL: a company's invoices, deposit, credit note,
// payments (partial, cancelled, unallocated) and refund are recorded through the API, then every
// figure is checked to the cent: invoiced and collected per month, receivables today by age, top
// clients with what they owe, open quotes; periods and their errors; every role; other companies.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/clock.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;
namespace chr = std::chrono;

chr::year_month_day today_ymd() {
    const std::string t = today_paris();
    return {chr::year{std::stoi(t.substr(0, 4))}, chr::month{static_cast<unsigned>(std::stoi(t.substr(5, 2)))},
            chr::day{static_cast<unsigned>(std::stoi(t.substr(8, 2)))}};
}

std::string iso(const chr::year_month_day& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}

// Today in Paris moved by `days` (positive: later).
std::string day_from_today(int days) { return iso(chr::year_month_day{chr::sys_days{today_ymd()} + chr::days{days}}); }
// Day `day` of the month `months` before this one.
std::string day_of_month(int months, unsigned day) {
    const auto t = today_ymd();
    const chr::year_month ym = chr::year_month{t.year(), t.month()} - chr::months{months};
    return iso(chr::year_month_day{ym.year(), ym.month(), chr::day{day}});
}
std::string month_of(int months) { return day_of_month(months, 1).substr(0, 7); }

class DashboardApi : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Acme", "admin@acme.test");
        app->identify_company(acme);
        admin = acme.admin_token;
        sales = app->add_user(acme, "vente@acme.test", "sales");
        accountant = app->add_user(acme, "compta@acme.test", "accountant");
        reader = app->add_user(acme, "lecture@acme.test", "read_only");
    }

    std::int64_t client(const std::string& name, const std::string& token) {
        auto c = app->api("POST", "/api/v1/clients", token, json{{"legal_name", name}, {"siren", valid_siren(name)}, {"payment_terms", "30d"}});
        EXPECT_EQ(c.status, 201) << c.body;
        return c.json()["id"].get<std::int64_t>();
    }
    static std::string path(const json& d) { return "/api/v1/documents/" + std::to_string(d["id"].get<std::int64_t>()); }
    json post(const std::string& p, const std::string& token, const json& body, int expected = 200) {
        auto r = app->api("POST", p, token, body);
        EXPECT_EQ(r.status, expected) << p << " " << r.body;
        return r.json();
    }
    static json lines(const std::string& excl_vat) {
        return json::array({{{"description", "Travaux"}, {"quantity", "1"}, {"unit_price", excl_vat}, {"vat_rate", "20"}}});
    }
    // An issued invoice of `excl_vat` at 20 % VAT, dated `issue_date`, due `due_date`.
    json invoice(std::int64_t client_id, const std::string& excl_vat, const std::string& issue_date,
                 const std::string& due_date, const std::string& token) {
        auto d = post("/api/v1/documents", token,
                      json{{"type", "invoice"}, {"client_id", client_id}, {"lines", lines(excl_vat)},
                           {"issue_date", issue_date}, {"due_date", due_date}},
                      201);
        return post(path(d) + "/validate", token, json::object());
    }
    json pay(std::int64_t client_id, const std::string& amount, const std::string& date, json allocations,
             const std::string& kind = "payment", const std::string& token = "") {
        json body = {{"client_id", client_id}, {"amount", amount}, {"method", "transfer"}, {"kind", kind}, {"date", date}};
        if (!allocations.empty()) body["allocations"] = allocations;
        return post("/api/v1/payments", token.empty() ? admin : token, body, 201);
    }
    static json alloc(const json& doc, const std::string& amount) { return {{"document_id", doc["id"]}, {"amount", amount}}; }
    HttpResponse dashboard(const std::string& query = "", const std::string& token = "") {
        return app->api("GET", "/api/v1/dashboard" + query, token.empty() ? reader : token);
    }
    static std::vector<std::string> fields(const HttpResponse& r) {
        std::vector<std::string> out;
        const json body = r.json();
        for (const auto& e : body["errors"]) out.push_back(e["field"].get<std::string>());
        return out;
    }

    // Acme's story over the last six months (M-5 … M0, M0 being this month):
    //   A  Martin  M-5  1 000 HT / 1 200 TTC, due 120 days ago; 200 paid in M-4          → 1 000 left, > 90 days
    //   B  Dupont  M-4    500 HT /   600 TTC, due 75 days ago; unpaid                    →   600 left, 61–90
    //   C  Martin  M-3  2 000 HT / 2 400 TTC, due 45 days ago; credit note of 500 HT /
    //              600 TTC in M-1; 1 800 paid in M-2 then cancelled                    → 1 800 left, 31–60
    //   D  Durand  M-2    300 HT /   360 TTC, due 10 days ago; 300 paid in M-1           →    60 left, 1–30
    //   E  Dupont  M0     100 HT /   120 TTC, due in 30 days                             →   120 left, not due
    //   Durand's quote of 1 000 HT: a 30 % deposit (300 HT / 360 TTC) and the final invoice (1 000 HT less
    //   the deposit: 700 HT / 840 TTC), both today, due in 30 days                      → 1 200 left, not due
    //   Durand pays 50 on account today (unallocated); Martin is refunded 100 of the credit note today.
    //   An open quote of 400 HT; a draft quote and a refused quote, which are not open.
    void tell_the_story() {
        martin = client("Boulangerie Martin", admin);
        dupont = client("Plomberie Dupont", admin);
        durand = client("Durand & Fils", admin);
        auto a = invoice(martin, "1000", day_of_month(5, 5), day_from_today(-120), sales);
        auto b = invoice(dupont, "500", day_of_month(4, 5), day_from_today(-75), sales);
        auto c = invoice(martin, "2000", day_of_month(3, 5), day_from_today(-45), admin);
        auto d = invoice(durand, "300", day_of_month(2, 5), day_from_today(-10), admin);
        auto e = invoice(dupont, "100", day_of_month(0, 1), day_from_today(30), admin);
        pay(martin, "200", day_of_month(4, 20), json::array({alloc(a, "200")}), "payment", sales);
        auto wrong = pay(martin, "1800", day_of_month(2, 20), json::array({alloc(c, "1800")}));
        post("/api/v1/payments/" + std::to_string(wrong["id"].get<std::int64_t>()) + "/cancel", accountant,
             json{{"reason", "Chèque rejeté"}});
        pay(durand, "300", day_of_month(1, 15), json::array({alloc(d, "300")}));

        auto credit = post(path(c) + "/convert", accountant, json{{"type", "credit_note"}}, 201);
        auto patched = app->api("PATCH", path(credit), accountant, json{{"lines", lines("500")}, {"issue_date", day_of_month(1, 5)}});
        ASSERT_EQ(patched.status, 200) << patched.body;
        auto cn = post(path(credit) + "/validate", accountant, json::object());
        ASSERT_EQ(cn["totals"]["total_incl_vat"], "600.00") << cn.dump();
        pay(martin, "100", today_paris(), json::array({alloc(cn, "100")}), "refund", accountant);

        auto q = post("/api/v1/documents", sales, json{{"type", "quote"}, {"client_id", durand}, {"lines", lines("1000")}}, 201);
        post(path(q) + "/validate", sales, json::object());
        post(path(q) + "/status", sales, json{{"status", "accepted"}});
        auto deposit = post(path(q) + "/convert", sales, json{{"type", "deposit_invoice"}, {"deposit_percent", "30"}}, 201);
        post(path(deposit) + "/validate", sales, json::object());
        auto final_invoice = post(path(q) + "/convert", sales, json{{"type", "invoice"}}, 201);
        auto issued = post(path(final_invoice) + "/validate", sales, json::object());
        ASSERT_EQ(issued["amount_due"], "840.00") << issued.dump();
        pay(durand, "50", today_paris(), json::array());

        auto open = post("/api/v1/documents", sales, json{{"type", "quote"}, {"client_id", dupont}, {"lines", lines("400")}}, 201);
        post(path(open) + "/validate", sales, json::object());
        post("/api/v1/documents", sales, json{{"type", "quote"}, {"client_id", dupont}, {"lines", lines("900")}}, 201);
        auto refused = post("/api/v1/documents", sales, json{{"type", "quote"}, {"client_id", martin}, {"lines", lines("700")}}, 201);
        post(path(refused) + "/validate", sales, json::object());
        post(path(refused) + "/status", sales, json{{"status", "refused"}});
    }

    std::unique_ptr<TestApp> app;
    TestCompany acme;
    std::string admin, sales, accountant, reader;
    std::int64_t martin = 0, dupont = 0, durand = 0;
};

TEST_P(DashboardApi, EveryFigureOfTheLastTwelveMonths) {
    tell_the_story();
    auto r = dashboard();
    ASSERT_EQ(r.status, 200) << r.body;
    auto d = r.json();
    EXPECT_EQ(d["period"]["preset"], "last_12_months");
    EXPECT_EQ(d["period"]["from"], day_of_month(11, 1));
    EXPECT_EQ(d["period"]["to"], today_paris());
    EXPECT_EQ(d["as_of"], today_paris());
    EXPECT_EQ(d["currency"], "EUR");

    // Per month, oldest first, empty months included.
    ASSERT_EQ(d["months"].size(), 12u);
    struct Expected {
        int months_ago;
        const char *excl, *incl, *received, *refunded, *collected;
    };
    const std::vector<Expected> expected = {
        {5, "1000.00", "1200.00", "0.00", "0.00", "0.00"},   {4, "500.00", "600.00", "200.00", "0.00", "200.00"},
        {3, "2000.00", "2400.00", "0.00", "0.00", "0.00"},   {2, "300.00", "360.00", "0.00", "0.00", "0.00"},  // cancelled
        {1, "-500.00", "-600.00", "300.00", "0.00", "300.00"}, {0, "1100.00", "1320.00", "50.00", "100.00", "-50.00"}};
    for (int i = 0; i < 12; ++i) {
        const auto& m = d["months"][i];
        EXPECT_EQ(m["month"], month_of(11 - i));
        auto e = std::find_if(expected.begin(), expected.end(), [&](const Expected& x) { return x.months_ago == 11 - i; });
        if (e == expected.end()) {
            EXPECT_EQ(m["invoiced_incl_vat"], "0.00") << m;
            EXPECT_EQ(m["collected"], "0.00") << m;
            continue;
        }
        EXPECT_EQ(m["invoiced_excl_vat"], e->excl) << m;
        EXPECT_EQ(m["invoiced_incl_vat"], e->incl) << m;
        EXPECT_EQ(m["received"], e->received) << m;
        EXPECT_EQ(m["refunded"], e->refunded) << m;
        EXPECT_EQ(m["collected"], e->collected) << m;
    }
    EXPECT_EQ(d["totals"]["invoiced_excl_vat"], "4400.00");
    EXPECT_EQ(d["totals"]["invoiced_incl_vat"], "5280.00");
    EXPECT_EQ(d["totals"]["collected"], "450.00");
    EXPECT_EQ(d["totals"]["outstanding"], "4780.00");
    EXPECT_EQ(d["totals"]["overdue"], "3460.00");

    // Receivables today, by age past the due date.
    const auto& rec = d["receivables"];
    EXPECT_EQ(rec["outstanding"], "4780.00");
    EXPECT_EQ(rec["overdue"], "3460.00");
    EXPECT_EQ(rec["invoices"], 7);  // D's remaining 60 counts, A..E, the deposit and the final invoice
    EXPECT_EQ(rec["overdue_invoices"], 4);
    const std::vector<std::tuple<std::string, std::string, int>> ageing = {
        {"not_due", "1320.00", 3}, {"1_30", "60.00", 1}, {"31_60", "1800.00", 1}, {"61_90", "600.00", 1}, {"over_90", "1000.00", 1}};
    ASSERT_EQ(rec["ageing"].size(), ageing.size());
    for (std::size_t i = 0; i < ageing.size(); ++i) {
        EXPECT_EQ(rec["ageing"][i]["bucket"], std::get<0>(ageing[i]));
        EXPECT_EQ(rec["ageing"][i]["amount"], std::get<1>(ageing[i])) << rec["ageing"][i];
        EXPECT_EQ(rec["ageing"][i]["invoices"], std::get<2>(ageing[i])) << rec["ageing"][i];
    }

    // Top clients by invoiced excluding VAT, with what each owes today.
    const auto& top = d["top_clients"];
    ASSERT_EQ(top.size(), 3u) << top;
    EXPECT_EQ(top[0]["client_id"], martin);
    EXPECT_EQ(top[0]["name"], "Boulangerie Martin");
    EXPECT_EQ(top[0]["invoiced_excl_vat"], "2500.00");
    EXPECT_EQ(top[0]["invoiced_incl_vat"], "3000.00");
    EXPECT_EQ(top[0]["outstanding"], "2800.00");
    EXPECT_EQ(top[1]["client_id"], durand);
    EXPECT_EQ(top[1]["invoiced_excl_vat"], "1300.00");
    EXPECT_EQ(top[1]["invoiced_incl_vat"], "1560.00");
    EXPECT_EQ(top[1]["outstanding"], "1260.00");
    EXPECT_EQ(top[2]["client_id"], dupont);
    EXPECT_EQ(top[2]["invoiced_excl_vat"], "600.00");
    EXPECT_EQ(top[2]["outstanding"], "720.00");

    EXPECT_EQ(d["open_quotes"]["count"], 1);
    EXPECT_EQ(d["open_quotes"]["amount_excl_vat"], "400.00");
}

// What the dashboard says a client owes follows payments' own rules: the client's balance (invoiced −
// credited − paid + refunded) is what remains due on its invoices, less its unallocated payments, plus
// the refunds of its credit notes.
TEST_P(DashboardApi, OutstandingAgreesWithTheClientsBalances) {
    tell_the_story();
    auto top = dashboard().json()["top_clients"];
    ASSERT_EQ(top.size(), 3u);
    auto cents = [](const json& v) { return std::llround(std::stod(v.get<std::string>()) * 100); };
    for (const auto& c : top) {
        auto b = app->api("GET", "/api/v1/clients/" + std::to_string(c["client_id"].get<std::int64_t>()) + "/balance", reader).json();
        EXPECT_EQ(cents(c["outstanding"]), cents(b["balance"]) + cents(b["unallocated_credit"]) - cents(b["refunded"]))
            << c << b;
    }
}

TEST_P(DashboardApi, ACustomPeriodCountsOnlyItsMonths) {
    tell_the_story();
    const std::string from = day_of_month(4, 1), to = day_of_month(3, 28);
    auto r = dashboard("?from=" + from + "&to=" + to);
    ASSERT_EQ(r.status, 200) << r.body;
    auto d = r.json();
    EXPECT_EQ(d["period"]["preset"], "custom");
    EXPECT_EQ(d["period"]["from"], from);
    EXPECT_EQ(d["period"]["to"], to);
    ASSERT_EQ(d["months"].size(), 2u);
    EXPECT_EQ(d["months"][0]["month"], month_of(4));
    EXPECT_EQ(d["totals"]["invoiced_excl_vat"], "2500.00");
    EXPECT_EQ(d["totals"]["invoiced_incl_vat"], "3000.00");
    EXPECT_EQ(d["totals"]["collected"], "200.00");
    // Receivables are today's, whatever the period.
    EXPECT_EQ(d["totals"]["outstanding"], "4780.00");
    ASSERT_EQ(d["top_clients"].size(), 2u);
    EXPECT_EQ(d["top_clients"][0]["client_id"], martin);
    EXPECT_EQ(d["top_clients"][0]["invoiced_excl_vat"], "2000.00");
    EXPECT_EQ(d["top_clients"][1]["client_id"], dupont);
    EXPECT_EQ(d["top_clients"][1]["invoiced_excl_vat"], "500.00");
    // The same through the explicit preset.
    EXPECT_EQ(dashboard("?period=custom&from=" + from + "&to=" + to).json()["totals"], d["totals"]);
}

TEST_P(DashboardApi, ThisYearAndLastYear) {
    auto now = dashboard("?period=this_year").json();
    EXPECT_EQ(now["period"]["preset"], "this_year");
    EXPECT_EQ(now["period"]["from"], today_paris().substr(0, 4) + "-01-01");
    EXPECT_EQ(now["period"]["to"], today_paris());
    EXPECT_EQ(now["months"].size(), std::stoul(today_paris().substr(5, 2)));
    auto last = dashboard("?period=last_year").json();
    const std::string year = std::to_string(std::stoi(today_paris().substr(0, 4)) - 1);
    EXPECT_EQ(last["period"]["from"], year + "-01-01");
    EXPECT_EQ(last["period"]["to"], year + "-12-31");
    ASSERT_EQ(last["months"].size(), 12u);
    EXPECT_EQ(last["months"][0]["month"], year + "-01");
    // Nothing issued yet: every figure is zero, nothing is missing.
    EXPECT_EQ(last["totals"]["invoiced_incl_vat"], "0.00");
    EXPECT_EQ(last["receivables"]["ageing"].size(), 5u);
    EXPECT_TRUE(last["top_clients"].empty());
    EXPECT_EQ(last["open_quotes"]["count"], 0);
}

TEST_P(DashboardApi, WrongPeriodsAreNamedAndAnsweredWith422) {
    auto unknown = dashboard("?period=forever");
    EXPECT_EQ(unknown.status, 422);
    EXPECT_EQ(unknown.header("content-type"), "application/problem+json");
    EXPECT_EQ(fields(unknown), std::vector<std::string>{"period"});
    auto bad = dashboard("?from=2026-02-30&to=hier");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(fields(bad), (std::vector<std::string>{"from", "to"}));
    auto missing = dashboard("?period=custom&from=2026-01-01");
    EXPECT_EQ(fields(missing), std::vector<std::string>{"to"});
    EXPECT_EQ(missing.json()["errors"][0]["message_fr"], "Indiquez la fin de la période.");
    EXPECT_EQ(missing.json()["errors"][0]["message"], "Give the end of the period.");
    auto reversed = dashboard("?from=2026-03-01&to=2026-02-01");
    EXPECT_EQ(fields(reversed), std::vector<std::string>{"to"});
    auto too_long = dashboard("?from=2019-01-01&to=2025-12-31");
    EXPECT_EQ(fields(too_long), std::vector<std::string>{"from"});
    EXPECT_EQ(dashboard("?from=2021-01-01&to=2025-12-31").status, 200);  // five years exactly
}

TEST_P(DashboardApi, EveryRoleReadsItsCompanysFiguresAndOnlyThose) {
    tell_the_story();
    // Another company, with a client of the same name and its own invoice and payment.
    auto beta = app->create_company("Beta", "admin@beta.test");
    app->identify_company(beta);
    auto beta_reader = app->add_user(beta, "lecture@beta.test", "read_only");
    auto theirs = client("Boulangerie Martin", beta.admin_token);
    auto inv = invoice(theirs, "9000", day_of_month(1, 3), day_from_today(-5), beta.admin_token);
    pay(theirs, "1000", today_paris(), json::array({alloc(inv, "1000")}), "payment", beta.admin_token);

    auto mine = dashboard("", admin).json();
    for (const auto& token : {sales, accountant, reader}) {
        auto r = dashboard("", token);
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.json(), mine);
    }
    EXPECT_EQ(mine["totals"]["invoiced_incl_vat"], "5280.00");
    EXPECT_EQ(mine["totals"]["outstanding"], "4780.00");

    auto b = dashboard("", beta_reader).json();
    EXPECT_EQ(b["totals"]["invoiced_excl_vat"], "9000.00");
    EXPECT_EQ(b["totals"]["collected"], "1000.00");
    EXPECT_EQ(b["receivables"]["outstanding"], "9800.00");
    EXPECT_EQ(b["receivables"]["overdue"], "9800.00");
    ASSERT_EQ(b["top_clients"].size(), 1u);
    EXPECT_EQ(b["top_clients"][0]["client_id"], theirs);
    EXPECT_EQ(b["open_quotes"]["count"], 0);

    EXPECT_EQ(app->api("GET", "/api/v1/dashboard", "").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, DashboardApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
