// Supplier e-invoices through HTTP (SQLite and PostgreSQL): upload by API and by the page, supplier
// matched or created, every line and VAT row stored, the checks shown, a duplicate refused with a
// clear message, hostile and broken files refused without writing anything, permissions, tenancy.
#include <gtest/gtest.h>

#include <fstream>

#include <filesystem>

#include "modules/einvoice/einvoice_module.hpp"
#include "modules/einvoice/model/from_document.hpp"
#include "modules/einvoice/service/inbox_watcher.hpp"
#include "modules/einvoice/tests/sample_invoices.hpp"
#include "modules/einvoice/xml/cii.hpp"
#include "modules/einvoice/xml/ubl.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;

std::string sample_cii(const std::string& name, const std::string& number = "") {
    auto s = einvoice::test::sample(name);
    if (!number.empty()) s.document.number = number;
    return einvoice::xml::write_cii(einvoice::from_document(s.document, s.totals, s.context).value());
}

class ReceptionApi : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Société Cliente", "admin@cliente.test");
        admin = acme.admin_token;
        accountant = app->add_user(acme, "compta@cliente.test", "accountant");
        sales = app->add_user(acme, "vente@cliente.test", "sales");
    }

    HttpResponse upload(const std::string& token, const std::string& bytes, const std::string& type = "application/xml") {
        return app->raw("POST", "/api/v1/supplier-invoices?filename=facture.xml", bytes,
                        {{"Authorization", "Bearer " + token}, {"Content-Type", type}});
    }

    std::unique_ptr<TestApp> app;
    TestCompany acme;
    std::string admin, accountant, sales;
};

TEST_P(ReceptionApi, ImportsEveryLineAndVatRowMatchesTheSupplierAndRefusesADuplicate) {
    const std::string xml = sample_cii("mixed_rates");
    auto r = upload(accountant, xml);
    ASSERT_EQ(r.status, 201) << r.body;
    auto out = r.json();
    EXPECT_EQ(out["supplier_created"], true);
    EXPECT_EQ(out["format"], "cii");
    EXPECT_EQ(out["profile"], "en16931");
    const auto id = out["id"].get<std::int64_t>();
    auto d = app->api("GET", "/api/v1/supplier-invoices/" + std::to_string(id), sales).json();
    auto s = einvoice::test::sample("mixed_rates");
    EXPECT_EQ(d["number"], "FA-2026-00042");
    EXPECT_EQ(d["supplier"]["siren"], "443061841");
    EXPECT_EQ(d["total_incl_vat"], s.totals.total_incl_vat.to_string());
    EXPECT_EQ(d["amount_due"], s.totals.amount_due.to_string());
    ASSERT_EQ(d["lines"].size(), 4u);
    EXPECT_EQ(d["lines"][0]["net_amount"], "672.00");
    EXPECT_EQ(d["lines"][3]["net_amount"], "-50.00");
    ASSERT_EQ(d["vat"].size(), s.totals.vat.size());
    for (std::size_t i = 0; i < s.totals.vat.size(); ++i) {
        EXPECT_EQ(d["vat"][i]["taxable_amount"], s.totals.vat[i].basis.to_string());
        EXPECT_EQ(d["vat"][i]["tax_amount"], s.totals.vat[i].vat_amount.to_string());
    }
    EXPECT_EQ(d["payment"]["iban"], "FR7630006000011234567890189");
    EXPECT_EQ(d["errors"], 0) << d["checks"].dump();
    // The original is kept byte for byte.
    EXPECT_EQ(app->api("GET", "/api/v1/supplier-invoices/" + std::to_string(id) + "/original", sales).body, xml);

    // The same invoice again: refused, named, nothing written.
    auto again = upload(admin, xml);
    ASSERT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(again.json()["code"], "supplier_invoice.duplicate");
    EXPECT_NE(again.json()["detail_fr"].get<std::string>().find("a déjà été importée"), std::string::npos);
    // Another invoice of the same supplier (same SIREN): the supplier is matched, not created.
    auto second = upload(admin, sample_cii("exemptions", "FA-2026-00043"));
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(second.json()["supplier_created"], false);
    EXPECT_EQ(second.json()["supplier_id"], out["supplier_id"]);
    auto list = app->api("GET", "/api/v1/supplier-invoices?limit=1", sales).json();
    EXPECT_EQ(list["items"].size(), 1u);
    EXPECT_FALSE(list["next_cursor"].is_null());
}

TEST_P(ReceptionApi, BrokenAndHostileFilesAreRefusedAndNothingIsWritten) {
    auto bomb = upload(admin, R"(<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>)");
    ASSERT_EQ(bomb.status, 422);
    EXPECT_EQ(bomb.json()["errors"][0]["code"], "xml.doctype");
    auto broken = upload(admin, "<rsm:CrossIndustryInvoice");
    ASSERT_EQ(broken.status, 422);
    EXPECT_EQ(broken.json()["errors"][0]["field"], "file");
    EXPECT_EQ(upload(admin, "%PDF-1.4 nothing here", "application/pdf").status, 422);
    EXPECT_EQ(upload(admin, "").status, 422);
    EXPECT_EQ(app->api("GET", "/api/v1/supplier-invoices", admin).json()["items"].size(), 0u);
}

TEST_P(ReceptionApi, ChecksAreShownAndABrokenInvoiceIsStillRecorded) {
    std::string xml = sample_cii("mixed_rates");
    const std::string grand = "<ram:GrandTotalAmount>";
    auto at = xml.find(grand) + grand.size();
    xml.replace(at, xml.find('<', at) - at, "9999.99");
    auto r = upload(admin, xml);
    ASSERT_EQ(r.status, 201) << r.body;
    bool co15 = false;
    const json body = r.json();
    for (const auto& c : body["checks"]) co15 = co15 || c["rule"] == "BR-CO-15";
    EXPECT_TRUE(co15) << r.body;
    auto list = app->api("GET", "/api/v1/supplier-invoices", admin).json();
    EXPECT_GT(list["items"][0]["errors"].get<int>(), 0);
}

TEST_P(ReceptionApi, PermissionsAndTenancy) {
    EXPECT_EQ(upload(sales, sample_cii("mixed_rates")).status, 403);
    auto r = upload(admin, sample_cii("mixed_rates"));
    ASSERT_EQ(r.status, 201);
    auto other = app->create_company("Autre", "admin@autre.test");
    EXPECT_EQ(app->api("GET", "/api/v1/supplier-invoices/" + std::to_string(r.json()["id"].get<std::int64_t>()), other.admin_token).status,
              404);
    EXPECT_EQ(app->api("GET", "/api/v1/supplier-invoices", other.admin_token).json()["items"].size(), 0u);
}

TEST_P(ReceptionApi, UploadPageImportsAndShowsTheInvoice) {
    WebSession web(*app);
    ASSERT_EQ(web.login("admin@cliente.test", acme.admin_password).status, 303);
    auto list = web.get("/supplier-invoices");
    ASSERT_EQ(list.status, 200);
    const std::string boundary = "----comptoirtest";
    const std::string xml = sample_cii("final_after_deposit");
    const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fa.xml\"\r\n"
                             "Content-Type: application/xml\r\n\r\n" + xml + "\r\n--" + boundary + "--\r\n";
    const std::map<std::string, std::string> headers = {{"Content-Type", "multipart/form-data; boundary=" + boundary},
                                                        {"Cookie", "comptoir_session=" + web.cookie("comptoir_session")}};
    auto r = app->raw("POST", "/supplier-invoices/upload?_csrf=" + web.csrf(), body, headers);
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 400);
    auto page = web.get(r.header("Location"));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("FA-2026-00042"), std::string::npos);
    EXPECT_NE(page.body.find("Atelier Dupont"), std::string::npos);
    EXPECT_NE(page.body.find("Déjà payé"), std::string::npos);
    // Again: the duplicate is explained on the page.
    auto dup = app->raw("POST", "/supplier-invoices/upload?_csrf=" + web.csrf(), body, headers);
    EXPECT_EQ(dup.status, 409);
    EXPECT_NE(dup.body.find("importée"), std::string::npos);
}

TEST_P(ReceptionApi, TheWatchedFolderImportsAndSortsFilesWithAReport) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(::testing::TempDir()) / ("inbox-" + backend_name(GetParam()) + std::to_string(acme.id));
    fs::remove_all(dir);
    const fs::path company = dir / std::to_string(acme.id);
    fs::create_directories(company);
    std::ofstream(company / "bonne.xml") << sample_cii("mixed_rates");
    std::ofstream(company / "cassee.xml") << "<rsm:CrossIndustryInvoice";
    std::ofstream(company / "en-cours.part") << "partial";
    fs::create_directories(dir / "999999");
    std::ofstream(dir / "999999" / "autre.xml") << sample_cii("exemptions");
    einvoice::InboxWatcher watcher(app->app().einvoice().reception(), dir);
    EXPECT_EQ(watcher.scan_once(std::chrono::seconds(0)), 3u);
    EXPECT_TRUE(fs::exists(company / "done" / "bonne.xml"));
    EXPECT_TRUE(fs::exists(company / "failed" / "cassee.xml"));
    EXPECT_TRUE(fs::exists(company / "en-cours.part"));  // left alone
    EXPECT_TRUE(fs::exists(dir / "999999" / "failed" / "autre.xml"));  // no such company
    std::ifstream report(company / "failed" / "cassee.xml.report.txt");
    std::string text((std::istreambuf_iterator<char>(report)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("REFUSÉ"), std::string::npos) << text;
    EXPECT_NE(text.find("mal formé"), std::string::npos) << text;
    auto list = app->api("GET", "/api/v1/supplier-invoices", admin).json();
    ASSERT_EQ(list["items"].size(), 1u);
    EXPECT_EQ(list["items"][0]["source"], "folder");
    // The same file dropped again is a duplicate: failed, with the reason.
    std::ofstream(company / "bonne.xml") << sample_cii("mixed_rates");
    EXPECT_EQ(watcher.scan_once(std::chrono::seconds(0)), 1u);
    EXPECT_TRUE(fs::exists(company / "failed" / "bonne.xml"));
    fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReceptionApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
