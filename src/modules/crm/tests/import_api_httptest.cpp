// The client import and export through /api/v1, on SQLite and PostgreSQL: messy real-world files,
// duplicates inside the file and against the base under each policy, undo, permissions, bad input,
// and the round trip export -> import into an empty company.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(CRM_FIXTURES) + "/import/" + name, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

class ImportApi : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Acme", "admin@acme.test");
        admin = acme.admin_token;
    }

    HttpResponse upload(const std::string& bytes, const std::string& name, const std::string& token = "") {
        return app->raw("POST", "/api/v1/client-imports?file_name=" + name, bytes,
                        {{"Authorization", "Bearer " + (token.empty() ? admin : token)}, {"Content-Type", "text/csv"}});
    }

    // Uploads, then waits for nothing: returns the import's id (fails the test otherwise).
    std::int64_t uploaded(const std::string& bytes, const std::string& name = "clients.csv") {
        auto r = upload(bytes, name);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().value("id", std::int64_t{0});
    }

    json wait(std::int64_t id, const std::string& token = "") {
        json job;
        for (int i = 0; i < 600; ++i) {
            job = app->api("GET", path(id), token.empty() ? admin : token).json();
            std::string s = job.value("status", "");
            if (s != "checking" && s != "running" && s != "undoing") return job;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ADD_FAILURE() << "import " << id << " did not finish: " << job.dump();
        return job;
    }

    json run(std::int64_t id, const std::string& policy = "skip") {
        auto r = app->api("POST", path(id) + "/run", admin, json{{"policy", policy}});
        EXPECT_EQ(r.status, 202) << r.body;
        return wait(id);
    }

    json dry_run(std::int64_t id, const std::string& policy = "skip") {
        auto r = app->api("POST", path(id) + "/dry-run", admin, json{{"policy", policy}});
        EXPECT_EQ(r.status, 202) << r.body;
        return wait(id);
    }

    // Every row of the report, keyed by file line.
    std::map<std::int64_t, json> report(std::int64_t id, bool dry = false) {
        std::map<std::int64_t, json> out;
        auto r = app->api("GET", path(id) + "/report?limit=1000" + std::string(dry ? "&dry_run=true" : ""), admin).json();
        for (const auto& row : r["data"]) out[row["line"].get<std::int64_t>()] = row;
        return out;
    }

    json client(std::int64_t id) { return app->api("GET", "/api/v1/clients/" + std::to_string(id), admin).json(); }

    json find(const std::string& q) {
        auto r = app->api("GET", "/api/v1/clients?limit=50&q=" + q, admin).json();
        return r["data"];
    }

    static std::string path(std::int64_t id) { return "/api/v1/client-imports/" + std::to_string(id); }

    std::unique_ptr<TestApp> app;
    TestCompany acme;
    std::string admin;
};

TEST_P(ImportApi, ExcelOnWindowsFileComesInWithAccentsQuotesAndLineBreaks) {
    auto id = uploaded(fixture("excel_windows1252.csv"), "export excel.csv");
    auto job = app->api("GET", path(id), admin).json();
    EXPECT_EQ(job["file"]["encoding"], "windows-1252");
    EXPECT_EQ(job["file"]["separator"], ";");
    EXPECT_EQ(job["row_count"], 4);  // the blank line is not a row
    auto mapping = app->api("GET", path(id) + "/mapping", admin).json();
    ASSERT_EQ(mapping["columns"].size(), 12u);  // the trailing separator's empty column is dropped
    EXPECT_EQ(mapping["columns"][2]["header"], "N° TVA");
    EXPECT_EQ(mapping["columns"][2]["field"], "vat_number");
    EXPECT_EQ(mapping["columns"][8]["field"], "contact1.full_name");

    auto done = run(id);
    EXPECT_EQ(done["status"], "done");
    EXPECT_EQ(done["counts"], (json{{"created", 4}, {"updated", 0}, {"skipped", 0}, {"failed", 0}}));
    auto rows = report(id);
    auto garage = client(rows.at(3)["client_id"].get<std::int64_t>());
    EXPECT_EQ(garage["legal_name"], "Garage du Centre");
    EXPECT_EQ(garage["billing_address"]["postal_code"], "01000");  // the zero Excel dropped
    EXPECT_EQ(garage["phone"], "+33474223344");
    EXPECT_EQ(garage["notes"], "Client depuis 2019\nPréfère être appelé le matin");
    ASSERT_EQ(garage["contacts"].size(), 1u);
    EXPECT_EQ(garage["contacts"][0]["last_name"], "DUPONT");
    EXPECT_EQ(garage["contacts"][0]["first_name"], "Jean");
    auto boulangerie = client(rows.at(2)["client_id"].get<std::int64_t>());
    EXPECT_EQ(boulangerie["legal_name"], "Boulangerie Lefèvre");
    EXPECT_EQ(boulangerie["siret"], "40123456200015");
    EXPECT_EQ(boulangerie["contacts"][0]["civility"], "mrs");
    EXPECT_EQ(boulangerie["contacts"][0]["first_name"], "Éloïse");
    EXPECT_EQ(boulangerie["category_ids"].size(), 2u);
    auto cabinet = client(rows.at(6)["client_id"].get<std::int64_t>());
    EXPECT_EQ(cabinet["legal_name"], "Cabinet \"Moreau\" Conseil");
    EXPECT_EQ(cabinet["notes"], "Il a dit : \"rappeler en septembre\"");
    auto categories = app->api("GET", "/api/v1/categories", admin).json()["data"];
    ASSERT_EQ(categories.size(), 3u);  // Artisans, Grands comptes, Lyon: created once each
    // Imported clients are searchable like any other.
    EXPECT_EQ(find("lefevre").size(), 1u);
    EXPECT_EQ(find("0474223344").size(), 1u);
    // The history says where a client came from.
    auto history = app->api("GET", "/api/v1/clients/" + garage["id"].dump() + "/history", admin).json()["data"];
    ASSERT_FALSE(history.empty());
    EXPECT_EQ(history.back()["changes"]["via"], "import");
}

TEST_P(ImportApi, EnglishUtf8WithBomAndIndividualsSeparatedByTabs) {
    auto id = uploaded(fixture("english_utf8_bom.csv"), "contacts.csv");
    auto mapping = app->api("GET", path(id) + "/mapping", admin).json();
    EXPECT_EQ(mapping["columns"][5]["field"], "contact1.phones");  // "Mobile" beside a company: the contact's
    EXPECT_EQ(mapping["columns"][12]["header"], "Colonne 13");      // values without a header get a name
    auto done = run(id);
    EXPECT_EQ(done["counts"]["created"], 3) << report(id).begin()->second.dump();
    auto rows = report(id);
    auto choco = client(rows.at(5)["client_id"].get<std::int64_t>());  // line 3's notes span two lines
    EXPECT_EQ(choco["billing_address"]["country"], "BE");
    EXPECT_EQ(choco["billing_address"]["postal_code"], "1000");  // Belgian: no zero added
    EXPECT_EQ(choco["phone"], "+3225123456");
    auto atelier = client(rows.at(2)["client_id"].get<std::int64_t>());
    EXPECT_EQ(atelier["contacts"][0]["first_name"], "Léa");
    EXPECT_EQ(atelier["contacts"][0]["phones"][0], "+33781223344");
    EXPECT_EQ(atelier["vat_number"], "FR72845678903");
    auto brasserie = client(rows.at(3)["client_id"].get<std::int64_t>());
    EXPECT_EQ(brasserie["notes"], "Line one\nLine two, with comma");

    auto people = uploaded(fixture("individuals_tab.txt"), "particuliers.txt");
    done = run(people);
    EXPECT_EQ(done["counts"]["created"], 3);
    auto gaelle = client(report(people).at(2)["client_id"].get<std::int64_t>());
    EXPECT_EQ(gaelle["kind"], "individual");
    EXPECT_EQ(gaelle["civility"], "mrs");
    EXPECT_EQ(gaelle["last_name"], "Le Floc'h");
    EXPECT_EQ(gaelle["email"], "gaelle.lefloch@free.fr");
    auto helene = client(report(people).at(4)["client_id"].get<std::int64_t>());
    EXPECT_EQ(helene["civility"], "");  // "Dr" is not a civility of the card: left out, the row still goes in
}

TEST_P(ImportApi, XlsxWithNumbersDatesAndSharedStrings) {
    auto r = app->raw("POST", "/api/v1/client-imports?file_name=clients.xlsx", fixture("openpyxl_shared_strings.xlsx"),
                      {{"Authorization", "Bearer " + admin},
                       {"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto id = r.json()["id"].get<std::int64_t>();
    EXPECT_EQ(r.json()["file"]["format"], "xlsx");
    auto done = run(id);
    EXPECT_EQ(done["counts"]["created"], 3) << done.dump();
    auto rows = report(id);
    auto roux = client(rows.at(2)["client_id"].get<std::int64_t>());
    EXPECT_EQ(roux["siret"], "40123456200015");
    EXPECT_EQ(roux["billing_address"]["postal_code"], "01000");
    EXPECT_TRUE(roux["email_consent"]["granted"].get<bool>());
    EXPECT_EQ(roux["email_consent"]["date"], "2024-03-06");
    EXPECT_EQ(roux["default_discount"], "5.50");
    auto blanc = client(rows.at(3)["client_id"].get<std::int64_t>());
    EXPECT_EQ(blanc["notes"], "Affineur\nDepuis 1950");
    EXPECT_FALSE(blanc["email_consent"]["granted"].get<bool>());
}

TEST_P(ImportApi, ABadRowNeverStopsTheOthersAndEachReasonNamesItsColumn) {
    auto id = uploaded(fixture("errors_and_duplicates.csv"));
    auto preview = app->api("GET", path(id) + "/preview?limit=3", admin).json()["data"];
    ASSERT_EQ(preview.size(), 3u);
    EXPECT_EQ(preview[1]["outcome"], "failed");
    EXPECT_EQ(preview[1]["messages"][0]["column"], "SIRET");
    EXPECT_EQ(preview[1]["messages"][0]["code"], "siret.checksum");

    auto checked = dry_run(id);
    EXPECT_EQ(checked["status"], "checked");
    EXPECT_EQ(checked["dry_run_counts"], (json{{"created", 1}, {"updated", 0}, {"skipped", 1}, {"failed", 5}}));
    EXPECT_TRUE(app->api("GET", "/api/v1/clients", admin).json()["data"].empty()) << "a dry run writes nothing";

    auto done = run(id);
    EXPECT_EQ(done["counts"], (json{{"created", 1}, {"updated", 0}, {"skipped", 1}, {"failed", 5}}));
    auto rows = report(id);
    EXPECT_EQ(rows.at(2)["outcome"], "created");
    EXPECT_EQ(rows.at(4)["messages"][0]["column"], "Téléphone");
    EXPECT_EQ(rows.at(5)["messages"][0]["column"], "Email");
    EXPECT_EQ(rows.at(6)["messages"][0]["column"], "N° TVA");
    EXPECT_EQ(rows.at(7)["messages"][0]["code"], "required");
    // The same phone typed another way, lower in the file: a duplicate of line 2.
    EXPECT_EQ(rows.at(8)["outcome"], "skipped");
    EXPECT_EQ(rows.at(8)["matches"][0]["row"], 2);
    EXPECT_EQ(rows.at(8)["matches"][0]["field"], "phone");
    EXPECT_EQ(app->api("GET", "/api/v1/clients", admin).json()["data"].size(), 1u);

    auto csv = app->api("GET", path(id) + "/report?format=csv", admin);
    EXPECT_EQ(csv.status, 200);
    EXPECT_TRUE(csv.header("content-type").starts_with("text/csv"));
    EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBFLigne;Résultat;Client;N° de fiche;Motif;Raison sociale;SIRET"));
    EXPECT_NE(csv.body.find("En erreur"), std::string::npos);
    EXPECT_NE(csv.body.find("la clé de contrôle"), std::string::npos);
}

// A base with one client, and a file whose first row is that client typed differently, then a new
// client, then the new client again (same SIRET).
class ImportPolicies : public ImportApi {
protected:
    std::int64_t existing = 0;
    std::int64_t setup_base() {
        auto r = app->api("POST", "/api/v1/clients", admin,
                          json{{"legal_name", "Boulangerie Martin"}, {"phone", "01 42 68 53 00"}, {"email", "contact@martin.fr"},
                               {"notes", "Client historique"}});
        EXPECT_EQ(r.status, 201);
        existing = r.json()["id"].get<std::int64_t>();
        return uploaded(
            "Raison sociale;Téléphone;E-mail;SIRET;Ville\n"
            "Boulangerie Martin SARL;+33 1 42 68 53 00;;;Paris\n"
            "Garage Neuf;;garage@neuf.fr;732 829 320 00074;Lyon\n"
            "Garage Neuf (doublon);;;73282932000074;Villeurbanne\n");
    }
};

TEST_P(ImportPolicies, SkipLeavesTheBaseAndTheEarlierRowAlone) {
    auto id = setup_base();
    auto done = run(id, "skip");
    EXPECT_EQ(done["counts"], (json{{"created", 1}, {"updated", 0}, {"skipped", 2}, {"failed", 0}}));
    auto rows = report(id);
    EXPECT_EQ(rows.at(2)["outcome"], "skipped");
    EXPECT_EQ(rows.at(2)["matches"][0]["client_id"], existing);
    EXPECT_EQ(rows.at(4)["matches"][0]["row"], 3);
    EXPECT_EQ(client(existing)["legal_name"], "Boulangerie Martin");
}

TEST_P(ImportPolicies, UpdateChangesTheMatchingClientWithTheFilledCells) {
    auto id = setup_base();
    auto checked = dry_run(id, "update");
    EXPECT_EQ(checked["dry_run_counts"], (json{{"created", 1}, {"updated", 2}, {"skipped", 0}, {"failed", 0}}));
    auto done = run(id, "update");
    EXPECT_EQ(done["counts"], (json{{"created", 1}, {"updated", 2}, {"skipped", 0}, {"failed", 0}}));
    auto martin = client(existing);
    EXPECT_EQ(martin["legal_name"], "Boulangerie Martin SARL");
    EXPECT_EQ(martin["email"], "contact@martin.fr");  // the empty cell kept it
    EXPECT_EQ(martin["notes"], "Client historique");
    EXPECT_EQ(martin["billing_address"]["city"], "Paris");
    auto rows = report(id);
    auto garage = client(rows.at(3)["client_id"].get<std::int64_t>());
    EXPECT_EQ(rows.at(4)["client_id"], garage["id"]);  // the second row updated the client the first created
    EXPECT_EQ(garage["legal_name"], "Garage Neuf (doublon)");
    EXPECT_EQ(garage["billing_address"]["city"], "Villeurbanne");
    EXPECT_EQ(garage["email"], "garage@neuf.fr");
    EXPECT_EQ(app->api("GET", "/api/v1/clients", admin).json()["data"].size(), 2u);
    // Imported again unchanged: nothing to update.
    auto again = uploaded("Raison sociale;Téléphone\nBoulangerie Martin SARL;01 42 68 53 00\n");
    done = run(again, "update");
    EXPECT_EQ(done["counts"]["skipped"], 1);
    EXPECT_NE(report(again).at(2)["reason"].get<std::string>().find("up to date"), std::string::npos);
}

TEST_P(ImportPolicies, CreateAddsEveryRowAnyway) {
    auto id = setup_base();
    auto done = run(id, "create");
    EXPECT_EQ(done["counts"], (json{{"created", 3}, {"updated", 0}, {"skipped", 0}, {"failed", 0}}));
    EXPECT_EQ(app->api("GET", "/api/v1/clients", admin).json()["data"].size(), 4u);
    EXPECT_EQ(report(id).at(2)["matches"][0]["client_id"], existing);  // said, though created
}

TEST_P(ImportPolicies, UndoRemovesWhatWasCreatedAndRestoresWhatWasUpdatedExactly) {
    auto before = client(existing == 0 ? 0 : existing);
    auto id = setup_base();
    before = client(existing);
    auto before_categories = app->api("GET", "/api/v1/categories", admin).json();
    auto done = run(id, "update");
    ASSERT_EQ(done["status"], "done");
    auto created = report(id).at(3)["client_id"].get<std::int64_t>();
    auto undo = app->api("POST", path(id) + "/undo", admin, json::object());
    ASSERT_EQ(undo.status, 202) << undo.body;
    auto undone = wait(id);
    EXPECT_EQ(undone["status"], "undone");
    EXPECT_EQ(app->api("GET", "/api/v1/clients/" + std::to_string(created), admin).status, 404);
    auto after = client(existing);
    for (const char* k : {"updated_at", "updated_by"}) {
        before.erase(k);
        after.erase(k);
    }
    EXPECT_EQ(after, before);
    EXPECT_EQ(app->api("GET", "/api/v1/clients", admin).json()["data"].size(), 1u);
    EXPECT_EQ(find("garage").size(), 0u) << "the search index forgot the removed clients";
    EXPECT_EQ(app->api("GET", "/api/v1/categories", admin).json(), before_categories);
    auto twice = app->api("POST", path(id) + "/undo", admin, json::object());
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(twice.json()["code"], "import.undone");
}

TEST_P(ImportApi, UndoRestoresContactsAndCategoriesAndRemovesTheCategoriesItCreated) {
    auto base = app->api("POST", "/api/v1/clients", admin,
                         json{{"legal_name", "Fromagerie Blanc"}, {"email", "contact@blanc.fr"},
                              {"contacts", json::array({{{"first_name", "Paul"}, {"last_name", "Blanc"}, {"role", "Gérant"}}})}});
    ASSERT_EQ(base.status, 201);
    auto before = base.json();
    auto id = uploaded("Raison sociale;E-mail;Contact;Fonction;Catégories\n"
                       "Fromagerie Blanc;contact@blanc.fr;Paul Blanc;Affineur;Crémiers\n"
                       "Fromagerie Blanc;contact@blanc.fr;Anne Roux;Vendeuse;Marchés\n");
    auto done = run(id, "update");
    EXPECT_EQ(done["counts"]["updated"], 2) << report(id).begin()->second.dump();
    auto during = client(before["id"].get<std::int64_t>());
    ASSERT_EQ(during["contacts"].size(), 2u);
    EXPECT_EQ(during["contacts"][0]["role"], "Affineur");
    EXPECT_EQ(during["category_ids"].size(), 2u);
    ASSERT_EQ(app->api("POST", path(id) + "/undo", admin, json::object()).status, 202);
    EXPECT_EQ(wait(id)["status"], "undone");
    auto after = client(before["id"].get<std::int64_t>());
    EXPECT_EQ(after["contacts"], before["contacts"]);
    EXPECT_EQ(after["category_ids"], json::array());
    EXPECT_TRUE(app->api("GET", "/api/v1/categories", admin).json()["data"].empty());
}

TEST_P(ImportApi, UndoIsRefusedForClientsThatGotADocumentOrAChangeSince) {
    auto id = uploaded("Raison sociale;Ville\nMenuiserie Roux;Annecy\nVins & Co;Bordeaux\n");
    run(id);
    auto rows = report(id);
    auto roux = rows.at(2)["client_id"];
    auto quote = app->api("POST", "/api/v1/documents", admin,
                          json{{"type", "quote"}, {"client_id", roux},
                               {"lines", json::array({{{"description", "Pose"}, {"quantity", "1"}, {"unit_price", "100"}}})}});
    ASSERT_EQ(quote.status, 201) << quote.body;
    auto refused = app->api("POST", path(id) + "/undo", admin, json::object());
    ASSERT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(refused.json()["code"], "import.undo_blocked");
    EXPECT_NE(refused.json()["detail_fr"].get<std::string>().find("Menuiserie Roux"), std::string::npos);
    EXPECT_EQ(refused.json()["clients"][0]["client_id"], roux);
    EXPECT_EQ(app->api("GET", path(id), admin).json()["status"], "done");
    EXPECT_EQ(app->api("GET", "/api/v1/clients", admin).json()["data"].size(), 2u);

    auto other = uploaded("Raison sociale;Ville\nAtelier Dubois;Paris\n");
    run(other);
    auto dubois = report(other).at(2)["client_id"].get<std::int64_t>();
    ASSERT_EQ(app->api("PATCH", "/api/v1/clients/" + std::to_string(dubois), admin, json{{"notes", "Rappeler"}}).status, 200);
    auto changed = app->api("POST", path(other) + "/undo", admin, json::object());
    ASSERT_EQ(changed.status, 409);
    EXPECT_EQ(changed.json()["clients"][0]["reason"], "changed");
}

TEST_P(ImportApi, OnlyAdministratorsImportAndExport) {
    auto id = uploaded("Raison sociale\nAcme\n");
    for (const char* role : {"sales", "accountant", "read_only"}) {
        auto token = app->add_user(acme, std::string(role) + "@acme.test", role);
        EXPECT_EQ(upload("Raison sociale\nX\n", "x.csv", token).status, 403) << role;
        EXPECT_EQ(app->api("GET", "/api/v1/client-imports", token).status, 403) << role;
        EXPECT_EQ(app->api("GET", path(id), token).status, 403) << role;
        EXPECT_EQ(app->api("GET", path(id) + "/preview", token).status, 403) << role;
        EXPECT_EQ(app->api("PUT", path(id) + "/mapping", token, json{{"fields", {"legal_name"}}}).status, 403) << role;
        EXPECT_EQ(app->api("POST", path(id) + "/run", token, json::object()).status, 403) << role;
        EXPECT_EQ(app->api("POST", path(id) + "/undo", token, json::object()).status, 403) << role;
        EXPECT_EQ(app->api("GET", path(id) + "/report?format=csv", token).status, 403) << role;
        EXPECT_EQ(app->api("GET", "/api/v1/clients/export", token).status, 403) << role;
    }
    EXPECT_EQ(app->api("GET", path(id), admin).json()["status"], "ready") << "nothing ran";
    // Another company's admin does not see the import at all.
    auto other = app->create_company("Other", "admin@other.test");
    EXPECT_EQ(app->api("GET", path(id), other.admin_token).status, 404);
    EXPECT_EQ(app->api("POST", path(id) + "/run", other.admin_token, json::object()).status, 404);
}

TEST_P(ImportApi, BadFilesAreRefusedWithANamedReason) {
    auto code = [&](const HttpResponse& r) { return r.json()["errors"][0]["code"].get<std::string>(); };
    auto png = upload(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10", 20), "photo.csv");
    EXPECT_EQ(png.status, 422);
    EXPECT_EQ(code(png), "file.not_tabular");
    EXPECT_EQ(png.json()["errors"][0]["field"], "file");
    EXPECT_EQ(code(upload("", "vide.csv")), "file.empty");
    EXPECT_EQ(code(upload("\r\n\r\n", "vide.csv")), "file.empty");
    EXPECT_EQ(code(upload("Raison sociale;Ville\r\n", "entete.csv")), "file.no_rows");
    EXPECT_EQ(code(upload(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0'), "vieux.xls")),
              "file.xls_unsupported");
    EXPECT_EQ(code(upload(std::string("PK\x03\x04", 4) + std::string(64, 'x'), "casse.xlsx")), "file.xlsx_corrupt");
    // Multipart without its file part.
    auto no_file = app->raw("POST", "/api/v1/client-imports",
                            "--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n",
                            {{"Authorization", "Bearer " + admin}, {"Content-Type", "multipart/form-data; boundary=b"}});
    EXPECT_EQ(no_file.status, 422);
    EXPECT_EQ(code(no_file), "file.missing");
    // Larger than the import takes, then larger than the server reads at all: both say the limit.
    auto big = upload("Raison sociale\n" + std::string(31 * 1024 * 1024, 'a') + "\n", "gros.csv");
    EXPECT_EQ(big.status, 422);
    EXPECT_EQ(code(big), "file.too_large");
    EXPECT_NE(big.json()["errors"][0]["message_fr"].get<std::string>().find("30 Mo"), std::string::npos);
    auto huge = upload(std::string(33 * 1024 * 1024, 'a'), "enorme.csv");
    EXPECT_EQ(huge.status, 413);
    EXPECT_EQ(huge.json()["code"], "request.too_large");
    EXPECT_NE(huge.json()["detail_fr"].get<std::string>().find("32 Mo"), std::string::npos);
    EXPECT_TRUE(app->api("GET", "/api/v1/client-imports", admin).json()["data"].empty()) << "nothing was stored";
}

TEST_P(ImportApi, AWrongMappingIsRefusedNamingTheColumn) {
    auto id = uploaded("Société;Ville;Tél\nAcme;Lyon;01 42 68 53 00\n");
    auto put = [&](const json& body) { return app->api("PUT", path(id) + "/mapping", admin, body); };
    auto no_name = put(json{{"fields", {nullptr, "billing_address.city", "phone"}}});
    ASSERT_EQ(no_name.status, 422);
    EXPECT_EQ(no_name.json()["errors"][0]["field"], "fields");
    EXPECT_EQ(no_name.json()["errors"][0]["code"], "mapping.name_missing");
    auto unknown = put(json{{"fields", {"legal_name", "ville", "phone"}}});
    ASSERT_EQ(unknown.status, 422);
    EXPECT_EQ(unknown.json()["errors"][0]["field"], "fields[1]");
    EXPECT_NE(unknown.json()["errors"][0]["message_fr"].get<std::string>().find("« Ville »"), std::string::npos);
    auto twice = put(json{{"fields", {"legal_name", "phone", "phone"}}});
    ASSERT_EQ(twice.status, 422);
    EXPECT_EQ(twice.json()["errors"][0]["field"], "fields[2]");
    EXPECT_EQ(twice.json()["errors"][0]["code"], "mapping.duplicate_field");
    EXPECT_EQ(put(json{{"fields", {"legal_name"}}}).json()["errors"][0]["code"], "mapping.size");
    EXPECT_EQ(put(json{{"fields", {"legal_name", nullptr, "phone"}}, {"policy", "merge"}}).status, 422);
    auto ok = put(json{{"fields", {"legal_name", nullptr, "phone"}}, {"policy", "update"}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json()["policy"], "update");
    auto done = run(id, "update");
    auto acme_client = client(report(id).at(2)["client_id"].get<std::int64_t>());
    EXPECT_EQ(acme_client["billing_address"]["city"], "");  // not imported
    EXPECT_EQ(acme_client["phone"], "+33142685300");
    // A finished import's mapping no longer changes.
    EXPECT_EQ(put(json{{"fields", {"legal_name", nullptr, "phone"}}}).status, 409);
}

TEST_P(ImportApi, AGeneratedFileOfThousandsOfRowsRunsInChunksWithProgress) {
    std::string csv = "Raison sociale;Téléphone;Ville;Contact\n";
    const int n = 2500;
    for (int i = 0; i < n; ++i) {
        char phone[32];
        std::snprintf(phone, sizeof phone, "01 4%d %02d %02d %02d", i % 10, (i / 10) % 100, (i / 1000) % 100, 17);
        csv += "Société " + std::to_string(i) + ";" + phone + ";Lyon;Contact " + std::to_string(i) + "\n";
    }
    csv += "Société 0 bis;01 40 00 00 17;Lyon;\n";  // the first row's phone again
    auto id = uploaded(csv);
    auto r = app->api("POST", path(id) + "/run", admin, json{{"policy", "skip"}});
    ASSERT_EQ(r.status, 202);
    EXPECT_EQ(r.json()["status"], "running");
    EXPECT_EQ(r.json()["progress"]["total"], n + 1);
    auto again = app->api("POST", path(id) + "/run", admin, json::object());
    EXPECT_EQ(again.status, 409) << "an import runs once";
    auto done = wait(id);
    EXPECT_EQ(done["counts"]["created"], n);
    EXPECT_EQ(done["counts"]["skipped"], 1);
    EXPECT_EQ(done["progress"]["done"], n + 1);
    EXPECT_EQ(done["progress"]["percent"], 100);
    auto page = app->api("GET", path(id) + "/report?outcome=created&limit=1000", admin).json();
    EXPECT_EQ(page["data"].size(), 1000u);
    ASSERT_TRUE(page["next_cursor"].is_string());
    auto next = app->api("GET", path(id) + "/report?outcome=created&limit=1000&cursor=" + page["next_cursor"].get<std::string>(),
                         admin).json();
    EXPECT_EQ(next["data"][0]["row"], 1001);
    EXPECT_EQ(find("2499").size(), 1u);
}

// A whole base as a spreadsheet exports it: 100,000 rows in Windows-1252 with CRLF line ends, quoted
// notes holding the separator and line breaks, an empty column and a trailing one, some rows with a
// wrong SIRET, and the first client again at the end with its phone typed another way. Every good
// row is created, each bad one fails alone naming its field, the duplicate is skipped, and the last
// rows are searchable. (Its speed is the benchmark's business: `make bench-import`.)
TEST_P(ImportApi, AHundredThousandRowSpreadsheetImportsCompletely) {
    const int n = 100000;
    std::string csv = "Raison sociale;T\xe9l\xe9phone;E-mail;;Ville;Notes;SIRET;\r\n";
    csv.reserve(std::size_t(n) * 90);
    int bad = 0;
    for (int i = 0; i < n; ++i) {
        char phone[32];
        std::snprintf(phone, sizeof phone, "01 %02d %02d %02d %02d", 10 + i / 1000000, (i / 10000) % 100, (i / 100) % 100, i % 100);
        std::string name = "Soci\xe9t\xe9 Dupr\xe9 n\xb0" + std::to_string(i);
        std::string notes = i % 1000 == 0 ? "\"Appeler le matin; \"\"urgent\"\"\r\nPuis relancer\"" : "";
        std::string siret = i % 5000 == 4999 ? "123" : "";
        if (!siret.empty()) ++bad;
        csv += name + ";" + phone + ";contact" + std::to_string(i) + "@exemple" + std::to_string(i % 97) +
               ".fr;;Besan\xe7on;" + notes + ";" + siret + ";\r\n";
    }
    csv += "Dupr\xe9 doublon;+33 1 10 00 00 00;;;Besan\xe7on;;;\r\n";  // row 0's phone, typed the international way
    auto id = uploaded(csv, "base complete.csv");
    auto job = app->api("GET", path(id), admin).json();
    EXPECT_EQ(job["file"]["encoding"], "windows-1252");
    EXPECT_EQ(job["file"]["separator"], ";");
    EXPECT_EQ(job["row_count"], n + 1);
    auto r = app->api("POST", path(id) + "/run", admin, json{{"policy", "skip"}});
    ASSERT_EQ(r.status, 202) << r.body;
    json done;
    for (int i = 0; i < 6000; ++i) {  // at most 10 minutes: a machine busy with other work is slow
        done = app->api("GET", path(id), admin).json();
        if (done.value("status", "") != "running") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_EQ(done["status"], "done") << done.dump();
    EXPECT_EQ(done["counts"], (json{{"created", n - bad}, {"updated", 0}, {"skipped", 1}, {"failed", bad}})) << done.dump();
    auto failed = app->api("GET", path(id) + "/report?outcome=failed&limit=100", admin).json();
    ASSERT_EQ(failed["data"].size(), std::size_t(bad));
    EXPECT_EQ(failed["data"][0]["row"], 5000);
    EXPECT_NE(failed["data"][0].dump().find("siret"), std::string::npos) << failed["data"][0].dump();
    auto skipped = app->api("GET", path(id) + "/report?outcome=skipped&limit=10", admin).json();
    ASSERT_EQ(skipped["data"].size(), 1u);
    EXPECT_EQ(skipped["data"][0]["row"], n + 1);
    auto last = find("99998");
    ASSERT_EQ(last.size(), 1u);
    auto c = client(last[0]["id"].get<std::int64_t>());
    EXPECT_EQ(c["legal_name"], "Société Dupré n°99998");
    EXPECT_EQ(c["billing_address"]["city"], "Besançon");
    EXPECT_EQ(c["phone"], "+33110099998");
    auto first = app->api("GET", path(id) + "/report?outcome=created&limit=1", admin).json();
    ASSERT_EQ(first["data"].size(), 1u);
    auto with_notes = client(first["data"][0]["client_id"].get<std::int64_t>());
    EXPECT_EQ(with_notes["legal_name"], "Société Dupré n°0");
    EXPECT_EQ(with_notes["notes"], "Appeler le matin; \"urgent\"\nPuis relancer");
}

// Two clients with every field, contacts with several e-mails and phones, categories (one with a
// comma), consents, a foreign phone that looks like a formula to a spreadsheet.
void fill_company(TestApp& app, const std::string& token) {
    SCOPED_TRACE("fill_company");
    auto cat = [&](const std::string& name) {
        return app.api("POST", "/api/v1/categories", token, json{{"name", name}}).json()["id"];
    };
    auto vip = cat("VIP"), fils = cat("Dupont, Fils & Cie"), export_cat = cat("Export");
    auto a = app.api("POST", "/api/v1/clients", token,
                     json{{"kind", "company"}, {"status", "client"}, {"legal_name", "Boulangerie Martin SARL"},
                          {"trade_name", "Au Bon Pain"}, {"siret", "732 829 320 00074"}, {"vat_number", "FR44 732829320"},
                          {"naf_code", "1071C"}, {"legal_form", "SARL"}, {"email", "contact@aubonpain.fr"},
                          {"phone", "01 42 68 53 00"}, {"website", "www.aubonpain.fr"},
                          {"billing_address", {{"line1", "12 rue de la République"}, {"line2", "BP 42"}, {"postal_code", "01000"}, {"city", "Bourg-en-Bresse"}}},
                          {"delivery_address", {{"line1", "ZA des Portes"}, {"postal_code", "69002"}, {"city", "Lyon"}, {"country", "FR"}}},
                          {"payment_terms", "45d_eom"}, {"payment_method", "cheque"}, {"default_discount", "5,5"},
                          {"commercial_conditions", "Franco de port dès 500 €"}, {"accounting_code", "411MARTIN"},
                          {"category_ids", {vip, fils}}, {"notes", "Deux lignes\n=SOMME(A1:A2) n'est pas une formule"},
                          {"email_consent", {{"granted", true}, {"date", "2024-03-06"}, {"source", "salon"}, {"legal_basis", "consent"}}},
                          {"sms_consent", {{"granted", false}, {"date", "2024-05-01"}, {"source", "appel"}, {"legal_basis", ""}}},
                          {"contacts", json::array({{{"civility", "mrs"}, {"first_name", "Éloïse"}, {"last_name", "Martin"},
                                                      {"role", "Gérante"}, {"emails", {"eloise@aubonpain.fr", "e.martin@gmail.com"}},
                                                      {"phones", {"06 12 34 56 78", "+32 470 12 34 56"}}},
                                                     {{"first_name", "Paul"}, {"last_name", "Roux"}, {"role", "Comptable"}},
                                                     {{"civility", "mr"}, {"last_name", "N'Diaye"}, {"phones", {"07 81 22 33 44"}}}})}});
    ASSERT_EQ(a.status, 201) << a.body;
    auto b = app.api("POST", "/api/v1/clients", token,
                     json{{"kind", "individual"}, {"status", "prospect"}, {"civility", "mr"}, {"first_name", "Benoît"},
                          {"last_name", "Le Floc'h"}, {"email", "benoit@free.fr"}, {"phone", "+32 2 512 34 56"},
                          {"billing_address", {{"line1", "3 avenue Louise"}, {"postal_code", "1000"}, {"city", "Bruxelles"}, {"country", "BE"}}},
                          {"payment_terms", "eom_10d"}, {"payment_method", "direct_debit"}, {"category_ids", {export_cat}}});
    ASSERT_EQ(b.status, 201) << b.body;
    auto c = app.api("POST", "/api/v1/clients", token,
                     json{{"legal_name", "Garage du Centre"}, {"payment_terms", "on_receipt"}, {"status", "former_client"}});
    ASSERT_EQ(c.status, 201) << c.body;
}

// The clients of a company as comparable values: ids, dates and authors out; categories by name.
std::vector<json> comparable(TestApp& app, const std::string& token) {
    std::map<std::int64_t, std::string> names;
    const json categories = app.api("GET", "/api/v1/categories", token).json();
    for (const auto& c : categories["data"]) names[c["id"].get<std::int64_t>()] = c["name"];
    std::vector<json> out;
    const json list = app.api("GET", "/api/v1/clients?limit=200", token).json();
    for (const auto& item : list["data"]) {
        auto c = app.api("GET", "/api/v1/clients/" + item["id"].dump(), token).json();
        for (const char* k : {"id", "created_at", "created_by", "updated_at", "updated_by"}) c.erase(k);
        json cats = json::array();
        for (const auto& id : c["category_ids"]) cats.push_back(names[id.get<std::int64_t>()]);
        c["category_ids"] = cats;
        for (auto& k : c["contacts"]) k.erase("id");
        out.push_back(c);
    }
    return out;
}

TEST_P(ImportApi, ExportThenImportIntoAnEmptyCompanyGivesBackTheSameClients) {
    fill_company(*app, admin);
    auto original = comparable(*app, admin);
    ASSERT_EQ(original.size(), 3u);
    for (const std::string format : {"csv", "xlsx"}) {
        auto file = app->api("GET", "/api/v1/clients/export?format=" + format, admin);
        ASSERT_EQ(file.status, 200) << file.body;
        EXPECT_NE(file.header("content-disposition").find("clients-"), std::string::npos);
        if (format == "csv") {
            EXPECT_TRUE(file.body.starts_with("\xEF\xBB\xBFType;Statut;Raison sociale;"));
            EXPECT_NE(file.body.find("'+32 2 512 34 56"), std::string::npos) << "a leading + is not left to run as a formula";
            EXPECT_NE(file.body.find("Contact 3 - Nom"), std::string::npos);
        }
        auto empty = app->create_company("Vide " + format, "admin@vide-" + format + ".test");
        auto r = app->raw("POST", "/api/v1/client-imports?file_name=clients." + format, file.body,
                          {{"Authorization", "Bearer " + empty.admin_token}, {"Content-Type", "application/octet-stream"}});
        ASSERT_EQ(r.status, 201) << r.body;
        auto id = r.json()["id"].get<std::int64_t>();
        auto mapping = app->api("GET", path(id) + "/mapping", empty.admin_token).json();
        for (const auto& col : mapping["columns"]) {
            std::string header = col["header"];
            if (header == "Créé le" || header == "Modifié le") EXPECT_TRUE(col["field"].is_null()) << header;
            else EXPECT_FALSE(col["field"].is_null()) << header;
        }
        ASSERT_EQ(app->api("POST", path(id) + "/run", empty.admin_token, json::object()).status, 202);
        auto done = wait(id, empty.admin_token);
        EXPECT_EQ(done["counts"]["created"], 3) << app->api("GET", path(id) + "/report", empty.admin_token).body;
        auto copy = comparable(*app, empty.admin_token);
        ASSERT_EQ(copy.size(), original.size());
        for (std::size_t i = 0; i < copy.size(); ++i) {
            // Accounting codes are the company's own: kept when given (the first client's), generated
            // otherwise from the target company's rule, as for any new client.
            if (original[i]["accounting_code"] != "411MARTIN") {
                copy[i].erase("accounting_code");
                original[i].erase("accounting_code");
            }
            EXPECT_EQ(copy[i], original[i]) << format << ": " << original[i]["display_name"];
        }
        original = comparable(*app, admin);
    }
}

TEST_P(ImportApi, ExportFollowsTheListFilters) {
    fill_company(*app, admin);
    auto lines = [&](const std::string& query) {
        auto r = app->api("GET", "/api/v1/clients/export?format=csv&" + query, admin);
        EXPECT_EQ(r.status, 200) << r.body;
        std::size_t n = 0;
        bool quoted = false;
        for (char ch : r.body) {
            if (ch == '"') quoted = !quoted;
            if (ch == '\n' && !quoted) ++n;
        }
        return n - 1;  // less the header
    };
    EXPECT_EQ(lines(""), 3u);
    EXPECT_EQ(lines("status=prospect"), 1u);
    EXPECT_EQ(lines("q=boulangerie"), 1u);
    EXPECT_EQ(lines("archived=true"), 0u);
    EXPECT_EQ(app->api("GET", "/api/v1/clients/export?format=pdf", admin).status, 422);
    EXPECT_EQ(app->api("GET", "/api/v1/clients/export?status=ancien", admin).status, 422);
    auto xlsx = app->api("GET", "/api/v1/clients/export?format=xlsx&status=client", admin);
    EXPECT_EQ(xlsx.status, 200);
    EXPECT_TRUE(xlsx.body.starts_with("PK"));
    EXPECT_EQ(xlsx.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });
INSTANTIATE_TEST_SUITE_P(Backends, ImportPolicies, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
