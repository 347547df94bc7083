// The import and export pages through HTTP, as a browser uses them: upload (multipart, CSRF),
// mapping form with its errors, dry run, run, progress fragment, report and its CSV, undo, export
// downloads from the list; administrators only. SQLite, and PostgreSQL when COMPTOIR_TEST_PG_URL is set.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "tests/support/test_app.hpp"

namespace comptoir::crm {
namespace {

using comptoir::testing::Backend;
using comptoir::testing::HttpResponse;
using comptoir::testing::TestApp;
using comptoir::testing::TestCompany;
using comptoir::testing::WebSession;
using Fields = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kPassword = "correct horse battery";
constexpr const char* kFile =
    "Raison sociale;Mél pro;Téléphone;SIRET\r\n"
    "Boulangerie Lefèvre;contact@lefevre.fr;04 78 12 34 56;401 234 562 00015\r\n"
    "Menuiserie <b>Faux</b> SIRET;;;73282932000075\r\n";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class ImportPagesTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app_ = std::make_unique<TestApp>(GetParam());
        company_ = app_->create_company("Alpha", "admin@alpha.fr");
        admin_ = session(company_.admin_email, company_.admin_password);
    }
    void TearDown() override {
        admin_.reset();
        app_.reset();
    }
    std::unique_ptr<WebSession> session(const std::string& email, const std::string& password) {
        auto s = std::make_unique<WebSession>(*app_);
        EXPECT_EQ(s->login(email, password).status, 303);
        EXPECT_EQ(s->get("/clients").status, 200);
        return s;
    }
    // Uploads kFile through the page; returns the import page's path.
    std::string upload() {
        EXPECT_EQ(admin_->get("/clients/import").status, 200);
        auto r = admin_->post_file("/clients/import", {}, "file", "clients.csv", kFile);
        EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
        return r.header("location");
    }
    HttpResponse settled(const std::string& page) {
        for (int i = 0; i < 400; ++i) {
            auto r = admin_->get(page);
            if (!contains(r.body, "import-progress")) return r;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ADD_FAILURE() << "still running";
        return admin_->get(page);
    }
    std::unique_ptr<TestApp> app_;
    TestCompany company_;
    std::unique_ptr<WebSession> admin_;
};

TEST_P(ImportPagesTest, UploadMapDryRunRunAndReadTheReport) {
    auto list = admin_->get("/clients");
    EXPECT_TRUE(contains(list.body, "href=\"/clients/import\""));
    auto page = upload();
    ASSERT_TRUE(std::regex_match(page, std::regex(R"(/clients/import/\d+)"))) << page;
    auto mapping = admin_->get(page);
    EXPECT_EQ(mapping.status, 200);
    EXPECT_TRUE(contains(mapping.body, "Associez les colonnes"));
    EXPECT_TRUE(contains(mapping.body, "Aperçu des premières lignes"));
    EXPECT_TRUE(contains(mapping.body, "Menuiserie &lt;b&gt;Faux&lt;/b&gt; SIRET")) << "cells are escaped";
    EXPECT_TRUE(contains(mapping.body, "la clé de contrôle"));

    // Without a name column: the form comes back with the choices as typed and the error.
    auto wrong = admin_->post(page, {{"map_0", ""}, {"map_1", "email"}, {"map_2", "phone"}, {"map_3", "siret"},
                                     {"policy", "skip"}, {"action", "save"}});
    EXPECT_EQ(wrong.status, 422);
    EXPECT_TRUE(contains(wrong.body, "Aucune colonne n&apos;est associée au nom du client")) << wrong.body.substr(0, 500);
    EXPECT_TRUE(std::regex_search(wrong.body, std::regex(R"(<option value="email" selected>)")));

    auto check = admin_->post(page, {{"map_0", "legal_name"}, {"map_1", "email"}, {"map_2", "phone"}, {"map_3", "siret"},
                                     {"policy", "update"}, {"action", "check"}});
    EXPECT_EQ(check.status, 303);
    auto checked = settled(page);
    EXPECT_TRUE(contains(checked.body, "Résultat de l&apos;essai à blanc"));
    EXPECT_TRUE(contains(checked.body, "Mettre à jour la fiche existante"));
    EXPECT_EQ(app_->api("GET", "/api/v1/clients", company_.admin_token).json()["data"].size(), 0u);

    auto run = admin_->post(page, {{"map_0", "legal_name"}, {"map_1", "email"}, {"map_2", "phone"}, {"map_3", "siret"},
                                   {"policy", "update"}, {"action", "run"}});
    EXPECT_EQ(run.status, 303);
    auto report = settled(page);
    EXPECT_TRUE(contains(report.body, "Rapport d&apos;import"));
    EXPECT_TRUE(contains(report.body, "Boulangerie Lefèvre"));
    EXPECT_TRUE(contains(report.body, "Annuler cet import"));
    auto failed = admin_->get(page + "?outcome=failed");
    EXPECT_TRUE(contains(failed.body, "Menuiserie"));
    EXPECT_FALSE(contains(failed.body, "Boulangerie Lefèvre</a>"));
    auto csv = admin_->get(page + "/report.csv");
    EXPECT_EQ(csv.status, 200);
    EXPECT_TRUE(csv.header("content-disposition").starts_with("attachment"));
    EXPECT_TRUE(contains(csv.body, "Créé;Boulangerie Lefèvre"));
    auto clients = app_->api("GET", "/api/v1/clients", company_.admin_token).json()["data"];
    ASSERT_EQ(clients.size(), 1u);
    EXPECT_EQ(clients[0]["email"], "contact@lefevre.fr");

    // The history lists it; the undo puts the base back.
    EXPECT_TRUE(contains(admin_->get("/clients/import").body, "clients.csv"));
    EXPECT_EQ(admin_->post(page + "/undo", {}).status, 303);
    auto undone = settled(page);
    EXPECT_TRUE(contains(undone.body, "Cet import a été annulé"));
    EXPECT_EQ(app_->api("GET", "/api/v1/clients", company_.admin_token).json()["data"].size(), 0u);
}

TEST_P(ImportPagesTest, ProgressFragmentRedirectsWhenDone) {
    auto page = upload();
    admin_->post(page, {{"map_0", "legal_name"}, {"map_1", ""}, {"map_2", "phone"}, {"map_3", "siret"},
                        {"policy", "skip"}, {"action", "run"}});
    settled(page);
    auto fragment = admin_->get(page + "/progress", true);
    EXPECT_EQ(fragment.status, 200);
    EXPECT_EQ(fragment.header("hx-redirect"), page);
    auto plain = admin_->get(page + "/progress");
    EXPECT_EQ(plain.status, 303);
}

TEST_P(ImportPagesTest, BadUploadsSayWhy) {
    admin_->get("/clients/import");
    auto empty = admin_->post_file("/clients/import", {}, "file", "vide.csv", "");
    EXPECT_EQ(empty.status, 422);
    EXPECT_TRUE(contains(empty.body, "Choisissez un fichier CSV ou XLSX"));
    admin_->get("/clients/import");
    auto png = admin_->post_file("/clients/import", {}, "file", "photo.png", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
    EXPECT_EQ(png.status, 422);
    EXPECT_TRUE(contains(png.body, "ni un CSV ni un classeur XLSX"));
    // No CSRF token: refused before anything is read.
    auto forged = admin_->post_file("/clients/import", {}, "file", "clients.csv", kFile, false);
    EXPECT_EQ(forged.status, 403);
    EXPECT_TRUE(app_->api("GET", "/api/v1/client-imports", company_.admin_token).json()["data"].empty());
    EXPECT_EQ(admin_->get("/clients/import/999999").status, 404);
}

TEST_P(ImportPagesTest, OthersSeeNeitherImportNorExport) {
    auto page = upload();
    for (const char* role : {"sales", "accountant", "read_only"}) {
        std::string email = std::string(role) + "@alpha.fr";
        app_->add_user(company_, email, role, kPassword);
        auto s = session(email, kPassword);
        auto list = s->get("/clients");
        EXPECT_FALSE(contains(list.body, "/clients/import")) << role;
        EXPECT_FALSE(contains(list.body, "/clients/export")) << role;
        EXPECT_EQ(s->get("/clients/import").status, 403) << role;
        EXPECT_EQ(s->get(page).status, 403) << role;
        EXPECT_EQ(s->get(page + "/report.csv").status, 403) << role;
        EXPECT_EQ(s->get("/clients/export?format=csv").status, 403) << role;
        EXPECT_EQ(s->post_file("/clients/import", {}, "file", "x.csv", kFile).status, 403) << role;
        EXPECT_EQ(s->post(page, {{"map_0", "legal_name"}, {"action", "run"}}).status, 403) << role;
    }
}

TEST_P(ImportPagesTest, ExportDownloadsTheListAsFiltered) {
    for (const char* name : {"Boulangerie Martin", "Garage du Centre"})
        ASSERT_EQ(app_->api("POST", "/api/v1/clients", company_.admin_token, nlohmann::json{{"legal_name", name}}).status, 201);
    auto list = admin_->get("/clients?q=garage");
    EXPECT_TRUE(contains(list.body, "/clients/export?q=garage&amp;format=csv")) << "the export keeps the search";
    auto csv = admin_->get("/clients/export?q=garage&format=csv");
    EXPECT_EQ(csv.status, 200);
    EXPECT_TRUE(csv.header("content-type").starts_with("text/csv"));
    EXPECT_TRUE(contains(csv.body, "Garage du Centre"));
    EXPECT_FALSE(contains(csv.body, "Boulangerie Martin"));
    auto xlsx = admin_->get("/clients/export?format=xlsx");
    EXPECT_EQ(xlsx.status, 200);
    EXPECT_TRUE(xlsx.body.starts_with("PK"));
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportPagesTest, ::testing::ValuesIn(comptoir::testing::backends()),
                         [](const auto& info) { return comptoir::testing::backend_name(info.param); });

}  // namespace
}  // namespace comptoir::crm
