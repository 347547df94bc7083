// The fixture of the GDPR HTTP tests: a company with a user per role, another company, and a
// person ("Quichotte Conseil", its contact Dulcinée Toboso) whose data is spread over every module:
// card, contact, consents, an import row, a draft and an issued invoice, a payment, an e-mail sent
// and a duplicates group.
#pragma once

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "modules/sales/service/document_service.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {

using nlohmann::json;

class GdprTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Acme", "admin@acme.test");
        other = app->create_company("Other", "admin@other.test");
        admin = acme.admin_token;
        sales = app->add_user(acme, "vente@acme.test", "sales");
        accountant = app->add_user(acme, "compta@acme.test", "accountant");
        reader = app->add_user(acme, "lecture@acme.test", "read_only");
        // The seller's identity, so invoices validate whether e-invoicing checks run or not.
        auto r = app->api("PATCH", "/api/v1/company", admin,
                          json{{"legal_form", "SARL"}, {"siren", "443 061 841"}, {"siret", "443 061 841 00047"},
                               {"vat_number", "FR64443061841"}, {"rcs_city", "Lyon"},
                               {"address_line1", "12 rue de la République"}, {"postal_code", "69002"}, {"city", "Lyon"},
                               {"country", "FR"}, {"iban", "FR76 3000 6000 0112 3456 7890 189"}, {"bic", "BNPAFRPP"}});
        ASSERT_EQ(r.status, 200) << r.body;
    }

    // The values the anonymisation must remove from every table.
    static std::vector<std::string> needles() {
        return {"Quichotte", "zebulon@quichotte.test", "+33612345678", "73282932000074", "Dulcinée",
                "dulcinee@toboso.test", "+33698765432", "rue de la Mancha", "moulins", "Salon du livre"};
    }

    std::int64_t create_client(json body, const std::string& token = "") {
        auto r = app->api("POST", "/api/v1/clients?force=true", token.empty() ? admin : token, body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().value("id", std::int64_t{0});
    }

    std::int64_t person() {
        return create_client(
            {{"kind", "company"},
             {"legal_name", "Quichotte Conseil"},
             {"email", "zebulon@quichotte.test"},
             {"phone", "+33612345678"},
             {"siret", "73282932000074"},
             {"billing_address", {{"line1", "12 rue de la Mancha"}, {"postal_code", "75011"}, {"city", "Paris"}}},
             {"notes", "Aime les moulins"},
             {"email_consent", {{"granted", true}, {"date", "2026-01-15"}, {"source", "Salon du livre"},
                                {"legal_basis", "consent"}}},
             {"contacts", json::array({{{"first_name", "Dulcinée"},
                                        {"last_name", "Toboso"},
                                        {"emails", {"dulcinee@toboso.test"}},
                                        {"phones", {"+33698765432"}}}})}});
    }

    std::int64_t contact_of(std::int64_t client_id) {
        auto c = app->api("GET", "/api/v1/clients/" + std::to_string(client_id), admin);
        return c.json()["contacts"][0]["id"].get<std::int64_t>();
    }

    json document(std::int64_t client_id, const std::string& notes, bool validate,
                  const std::string& description = "Conseil") {
        auto d = app->api("POST", "/api/v1/documents", admin,
                          json{{"type", "invoice"},
                               {"client_id", client_id},
                               {"notes", notes},
                               {"lines", json::array({{{"description", description}, {"quantity", "1"},
                                                       {"unit_price", "100"}, {"vat_rate", "20"}}})}});
        EXPECT_EQ(d.status, 201) << d.body;
        if (!validate) return d.json();
        auto v = app->api("POST", "/api/v1/documents/" + std::to_string(d.json()["id"].get<std::int64_t>()) + "/validate",
                          admin, json::object());
        EXPECT_EQ(v.status, 200) << v.body;
        return v.json();
    }

    // Spreads the person over every module. Returns the issued invoice.
    json spread(std::int64_t client_id) {
        document(client_id, "Livraison chez Quichotte, près des moulins", false, "Audit pour Quichotte Conseil");
        json invoice = document(client_id, "", true);
        auto pay = app->api("POST", "/api/v1/payments", admin,
                            json{{"client_id", client_id}, {"amount", "120"}, {"method", "transfer"},
                                 {"reference", "VIR 0042"}, {"notes", "Payé par Zébulon Quichotte"},
                                 {"allocations", json::array({{{"document_id", invoice["id"]}, {"amount", "120"}}})}});
        EXPECT_EQ(pay.status, 201) << pay.body;
        auto conn = app->app().db().acquire();
        const std::string now = now_iso();
        // An e-mail sent to the client and its contact (the SMTP conversation is mail's own tests').
        conn->execute("INSERT INTO mail_sends (company_id, client_id, document_id, kind, recipients, cc, from_address, "
                      "subject, body, status, idempotency_key, request_hash, client_name, created_at, created_by) "
                      "VALUES (?, ?, ?, 'document', ?, ?, 'factures@acme.test', ?, ?, 'sent', ?, 'h', ?, ?, 1)",
                      {acme.id, client_id, invoice["id"].get<std::int64_t>(), std::string(R"(["zebulon@quichotte.test"])"),
                       std::string(R"(["dulcinee@toboso.test"])"), std::string("Facture pour Quichotte Conseil"),
                       std::string("Bonjour Dulcinée Toboso, voici la facture."), "key-" + std::to_string(client_id),
                       std::string("Quichotte Conseil"), now});
        // An imported row that created the client, and one skipped as its duplicate.
        auto import_id = conn->insert(
            "INSERT INTO client_imports (company_id, created_by, created_at, updated_at, file_name, file_format, "
            "headers, mapping, status) VALUES (?, 1, ?, ?, 'clients.csv', 'csv', '[]', '{}', 'done')",
            {acme.id, now, now});
        conn->execute("INSERT INTO client_import_rows (company_id, import_id, row_no, line, cells, outcome, client_id, "
                      "detail) VALUES (?, ?, 1, 2, ?, 'created', ?, '{}')",
                      {acme.id, import_id, std::string(R"(["Quichotte Conseil","zebulon@quichotte.test","73282932000074"])"),
                       client_id});
        conn->execute("INSERT INTO client_import_rows (company_id, import_id, row_no, line, cells, outcome, detail) "
                      "VALUES (?, ?, 2, 3, ?, 'skipped', '{}')",
                      {acme.id, import_id, std::string(R"(["Quichotte Conseil","zebulon@quichotte.test","0612345678"])")});
        conn.reset();
        // A likely duplicate (the name with a typo, same postal code), grouped by a scan.
        create_client({{"kind", "company"},
                       {"legal_name", "Quichote Conseil"},
                       {"billing_address", {{"postal_code", "75011"}, {"city", "Paris"}}}});
        auto scan = app->api("POST", "/api/v1/duplicates/scan", admin, json::object());
        EXPECT_EQ(scan.status, 200) << scan.body;
        return invoice;
    }

    std::unique_ptr<TestApp> app;
    TestCompany acme, other;
    std::string admin, sales, accountant, reader;
};

}  // namespace comptoir::testing
