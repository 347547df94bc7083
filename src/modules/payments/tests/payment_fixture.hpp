// The fixture of the payments HTTP tests: a company with a user per role and two clients, and
// helpers to issue invoices, record payments and check balances through /api/v1.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/clock.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {

using nlohmann::json;

inline std::string days_ago(int days) {
    const std::string today = today_paris();
    std::chrono::year_month_day ymd{std::chrono::year{std::stoi(today.substr(0, 4))},
                                    std::chrono::month{static_cast<unsigned>(std::stoi(today.substr(5, 2)))},
                                    std::chrono::day{static_cast<unsigned>(std::stoi(today.substr(8, 2)))}};
    std::chrono::year_month_day past{std::chrono::sys_days{ymd} - std::chrono::days{days}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(past.year()), static_cast<unsigned>(past.month()),
                  static_cast<unsigned>(past.day()));
    return buf;
}

class PaymentApi : public ::testing::TestWithParam<Backend> {
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
        martin = client("Boulangerie Martin", admin);
        dupont = client("Plomberie Dupont", admin);
    }

    std::int64_t client(const std::string& name, const std::string& token) {
        auto c = app->api("POST", "/api/v1/clients", token, json{{"legal_name", name}, {"siren", valid_siren(name)}, {"payment_terms", "30d"}});
        EXPECT_EQ(c.status, 201) << c.body;
        return c.json()["id"].get<std::int64_t>();
    }

    // A draft invoice of `excl_vat` at 20 % VAT (so 100 → 120.00 due).
    json draft(std::int64_t client_id, const std::string& excl_vat, const std::string& token, const std::string& type = "invoice",
               const std::string& issue_date = "") {
        json body = {{"type", type},
                     {"client_id", client_id},
                     {"lines", json::array({{{"description", "Travaux"}, {"quantity", "1"}, {"unit_price", excl_vat},
                                             {"vat_rate", "20"}}})}};
        if (!issue_date.empty()) body["issue_date"] = issue_date;
        auto r = app->api("POST", "/api/v1/documents", token, body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json();
    }
    json invoice(std::int64_t client_id, const std::string& excl_vat, const std::string& token = "",
                 const std::string& issue_date = "") {
        const std::string t = token.empty() ? admin : token;
        auto d = draft(client_id, excl_vat, t, "invoice", issue_date);
        auto v = app->api("POST", doc_path(d) + "/validate", t, json::object());
        EXPECT_EQ(v.status, 200) << v.body;
        return v.json();
    }
    static std::string doc_path(const json& d) { return "/api/v1/documents/" + std::to_string(d["id"].get<std::int64_t>()); }
    static std::string pay_path(const json& p) { return "/api/v1/payments/" + std::to_string(p["id"].get<std::int64_t>()); }
    static json alloc(const json& doc, const std::string& amount) { return {{"document_id", doc["id"]}, {"amount", amount}}; }

    HttpResponse pay(std::int64_t client_id, const std::string& amount, json allocations = json::array(),
                     const std::string& token = "", const std::string& kind = "payment") {
        json body = {{"client_id", client_id}, {"amount", amount}, {"method", "transfer"}, {"kind", kind},
                     {"reference", "VIR 2026-001"}, {"bank_account", "Banque Populaire"}};
        if (!allocations.empty()) body["allocations"] = allocations;
        return app->api("POST", "/api/v1/payments", token.empty() ? admin : token, body);
    }
    json paid(std::int64_t client_id, const std::string& amount, json allocations = json::array()) {
        auto r = pay(client_id, amount, allocations);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json();
    }
    std::string status_of(const json& doc) {
        auto r = app->api("GET", doc_path(doc), reader);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json()["payment_status"].is_string() ? r.json()["payment_status"].get<std::string>() : "null";
    }
    // The balance, checked against its own definition.
    json balance(std::int64_t client_id) {
        auto r = app->api("GET", "/api/v1/clients/" + std::to_string(client_id) + "/balance", reader);
        EXPECT_EQ(r.status, 200) << r.body;
        auto b = r.json();
        auto cents = [&](const char* k) { return std::llround(std::stod(b[k].get<std::string>()) * 100); };
        EXPECT_EQ(cents("balance"), cents("invoiced") - cents("credited") - cents("paid") + cents("refunded")) << b.dump();
        return b;
    }
    static std::vector<std::string> fields(const HttpResponse& r) {
        std::vector<std::string> out;
        const json body = r.json();
        for (const auto& e : body["errors"]) out.push_back(e["field"].get<std::string>());
        return out;
    }
    static bool has_field(const HttpResponse& r, const std::string& f) {
        auto all = fields(r);
        return std::find(all.begin(), all.end(), f) != all.end();
    }
    std::size_t payment_count() {
        auto r = app->api("GET", "/api/v1/payments", reader);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json()["data"].size();
    }

    std::unique_ptr<TestApp> app;
    TestCompany acme;
    std::string admin, sales, accountant, reader;
    std::int64_t martin = 0, dupont = 0;
};

}  // namespace comptoir::testing
