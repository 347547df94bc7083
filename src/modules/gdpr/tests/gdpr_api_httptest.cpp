// The GDPR tools through /api/v1, on SQLite and PostgreSQL: the export holds what every module keeps
// and is audited; anonymisation leaves no personal data in any table (found by walking the schema)
// yet keeps issued invoices as issued; the consent history; the retention rule; permissions and bad
// input that changes nothing; the register of processing activities.
#include "modules/crm/storage/fulltext_index.hpp"
#include "modules/gdpr/tests/gdpr_fixture.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>
#include <tuple>

namespace comptoir::testing {
namespace {

using GdprApi = GdprTest;

std::string path(std::int64_t id, const std::string& rest = "") { return "/api/v1/clients/" + std::to_string(id) + rest; }

json sections_by_key(const json& doc) {
    json out = json::object();
    for (const auto& s : doc["sections"]) out[s["key"].get<std::string>()] = s["rows"];
    return out;
}

const json kConfirm = {{"confirm", true}, {"reason", "Demande d'effacement reçue par courrier"}};

TEST_P(GdprApi, ExportHoldsWhatEveryModuleKeepsAndIsAudited) {
    auto id = person();
    spread(id);
    auto r = app->api("GET", path(id, "/personal-data"), admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.header("content-disposition").find("donnees-client-"), std::string::npos);
    auto sections = sections_by_key(r.json());
    for (const char* key : {"crm.client", "crm.contacts", "crm.consents", "crm.imports", "sales.documents",
                            "payments.payments", "mail.sends", "duplicates.groups", "audit.entries"}) {
        ASSERT_TRUE(sections.contains(key)) << key;
        EXPECT_FALSE(sections[key].empty()) << key;
    }
    EXPECT_EQ(sections["crm.client"][0]["email"], "zebulon@quichotte.test");
    EXPECT_EQ(sections["crm.contacts"][0]["first_name"], "Dulcinée");
    EXPECT_EQ(sections["crm.consents"][0]["source"], "Salon du livre");
    EXPECT_EQ(sections["sales.documents"].size(), 2u);
    EXPECT_EQ(sections["payments.payments"][0]["notes"], "Payé par Zébulon Quichotte");

    auto csv = app->api("GET", path(id, "/personal-data?format=csv"), admin);
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFrubrique;ligne;champ;valeur\r\n", 0), 0u);
    EXPECT_NE(csv.body.find("crm.client;1;email;zebulon@quichotte.test"), std::string::npos);
    EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);

    // One contact: their card and the e-mails they received, not the client's other data.
    auto contact = contact_of(id);
    auto k = app->api("GET", "/api/v1/contacts/" + std::to_string(contact) + "/personal-data", admin);
    ASSERT_EQ(k.status, 200) << k.body;
    auto ks = sections_by_key(k.json());
    EXPECT_EQ(ks["crm.contact"][0]["last_name"], "Toboso");
    EXPECT_EQ(ks["mail.sends"].size(), 1u);
    EXPECT_FALSE(ks.contains("crm.client"));

    // Each export is in the audit log: who, when, whom, format.
    auto history = app->api("GET", path(id, "/history"), admin).json();
    int exports = 0;
    for (const auto& e : history["data"])
        if (e["action"] == "gdpr_export") ++exports;
    EXPECT_EQ(exports, 2);
}

// Every text column of every table, on either database: the rows that still hold `needle`. On SQLite
// the walk also reads untyped and BLOB columns byte by byte (the full-text index's FTS5 tables declare
// no types), and it walks the full-text index's own file as well, once that has indexed every change.
std::vector<std::string> places_in(store::Connection& conn, const std::string& needle, const std::string& label) {
    const bool pg = conn.dialect() == store::Dialect::Postgres;
    std::vector<std::tuple<std::string, std::string, bool>> columns;  // table, column, compared as bytes
    if (pg) {
        for (const auto& r : conn.query("SELECT table_name, column_name FROM information_schema.columns WHERE "
                                        "table_schema = current_schema() AND data_type IN ('text', 'character varying')"))
            columns.emplace_back(r.text(0), r.text(1), false);
    } else {
        for (const auto& t : conn.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
            for (const auto& c : conn.query("SELECT name, type FROM pragma_table_info(?)", {t.text(0)})) {
                const std::string type = c.text(1);
                if (type.find("TEXT") != std::string::npos) columns.emplace_back(t.text(0), c.text(0), false);
                else if (type.empty() || type == "BLOB") columns.emplace_back(t.text(0), c.text(0), true);
            }
    }
    std::vector<std::string> found;
    for (const auto& [table, column, bytes] : columns) {
        // Kept by law: issued documents with their frozen buyer, and their PDFs.
        std::string where = std::string(pg ? "strpos(" : "instr(") + column + (bytes ? ", CAST(? AS BLOB)) > 0" : ", ?) > 0");
        if (table == "documents") where += " AND status = 'draft'";
        if (table == "document_files") continue;
        auto n = conn.query_one("SELECT COUNT(*) FROM " + table + " WHERE " + where, {needle});
        if (n && n->int64(0) > 0) found.push_back(label + table + "." + column);
    }
    return found;
}

std::vector<std::string> places_holding(TestApp& app, const std::string& needle) {
    auto found = places_in(*app.app().db().acquire(), needle, "");
    if (auto* fulltext = app.app().crm().fulltext()) {
        fulltext->catch_up();
        for (auto& place : places_in(*fulltext->file().acquire(), needle, "index file: ")) found.push_back(place);
    }
    return found;
}

TEST_P(GdprApi, AnonymisationLeavesNoPersonalDataInAnyTableButKeepsIssuedInvoices) {
    auto id = person();
    auto invoice = spread(id);
    // The likely duplicate is merged into the person: the same person, erased with it.
    const json groups = app->api("GET", "/api/v1/duplicates", admin).json()["data"];
    ASSERT_EQ(groups.size(), 1u);
    std::int64_t absorbed = 0;
    for (const auto& m : groups[0]["members"])
        if (m["client_id"] != id) absorbed = m["client_id"].get<std::int64_t>();
    auto merged = app->api("POST", "/api/v1/duplicates/" + std::to_string(groups[0]["id"].get<std::int64_t>()) + "/merge",
                           admin, json{{"survivor_id", id}});
    ASSERT_EQ(merged.status, 201) << merged.body;
    auto exported = sections_by_key(app->api("GET", path(id, "/personal-data"), admin).json());
    EXPECT_EQ(exported["crm.client"].size(), 2u) << "the merged card is the same person's";
    for (const auto& needle : {std::string("zebulon@quichotte.test"), std::string("Dulcinée")})
        ASSERT_FALSE(places_holding(*app, needle).empty()) << "the walk must see the data first: " << needle;
    if (app->app().crm().fulltext()) {
        const auto places = places_holding(*app, "zebulon@quichotte.test");
        EXPECT_TRUE(std::any_of(places.begin(), places.end(), [](const std::string& p) { return p.starts_with("index file: "); }))
            << "the walk must see the index file first";
    }
    const auto issued_before = app->api("GET", "/api/v1/documents/" + std::to_string(invoice["id"].get<std::int64_t>()), admin);

    auto r = app->api("POST", path(id, "/anonymise"), admin, kConfirm);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(r.json()["anonymised_at"].get<std::string>().empty());

    for (const auto& needle : needles())
        EXPECT_EQ(places_holding(*app, needle), std::vector<std::string>{}) << needle;

    // The card is neutral and stays so.
    auto card = app->api("GET", path(id), admin).json();
    EXPECT_EQ(card["display_name"], "Client anonymisé #" + std::to_string(id));
    EXPECT_TRUE(card["contacts"].empty());
    EXPECT_EQ(app->api("GET", path(absorbed), admin).json()["display_name"], "Client anonymisé #" + std::to_string(absorbed));
    EXPECT_TRUE(places_holding(*app, "Quichote Conseil").empty());
    // The merge's copies of the cards are gone: it can no longer be undone.
    auto undo = app->api("POST", "/api/v1/duplicate-merges/" + std::to_string(merged.json()["id"].get<std::int64_t>()) + "/undo",
                         admin, json::object());
    EXPECT_EQ(undo.status, 409) << undo.body;
    auto edit = app->api("PATCH", path(id), admin, json{{"legal_name", "Quichotte Conseil"}});
    EXPECT_EQ(edit.status, 409) << edit.body;
    EXPECT_EQ(edit.json()["code"], "client.anonymised");
    EXPECT_EQ(app->api("POST", path(id, "/anonymise"), admin, kConfirm).status, 409);

    // Search and duplicate detection no longer find them.
    EXPECT_TRUE(app->api("GET", "/api/v1/clients?q=quichotte%20conseil", admin).json()["data"].empty());
    EXPECT_TRUE(app->api("GET", "/api/v1/clients?q=zebulon", admin).json()["data"].empty());
    auto again = app->api("POST", "/api/v1/clients", admin,
                          json{{"kind", "company"}, {"legal_name", "Nouveau"}, {"email", "zebulon@quichotte.test"},
                               {"phone", "+33698765432"}});
    EXPECT_EQ(again.status, 201) << again.body;
    auto scan = app->api("POST", "/api/v1/duplicates/scan", admin, json::object());
    ASSERT_EQ(scan.status, 200) << scan.body;
    const json open_groups = app->api("GET", "/api/v1/duplicates?status=open", admin).json()["data"];
    for (const auto& g : open_groups)
        for (const auto& m : g["members"]) EXPECT_NE(m["client_id"], id) << "a scan still groups the erased client";

    // The issued invoice is as issued, and every chain still verifies.
    auto issued_after = app->api("GET", "/api/v1/documents/" + std::to_string(invoice["id"].get<std::int64_t>()), admin);
    EXPECT_EQ(issued_after.json()["number"], issued_before.json()["number"]);
    EXPECT_EQ(issued_after.json()["hash"], issued_before.json()["hash"]);
    EXPECT_EQ(issued_after.json()["client"], issued_before.json()["client"]);
    auto report = app->app().sales().documents().verify();
    EXPECT_TRUE(report.problems.empty()) << report.problems.front();
    EXPECT_GE(report.documents, 1);

    // Audited, without the person's data.
    auto history = app->api("GET", path(id, "/history"), admin).json();
    bool audited = false;
    for (const auto& e : history["data"]) {
        if (e["action"] == "gdpr_anonymise") audited = true;
        EXPECT_EQ(e.dump().find("Quichotte"), std::string::npos) << e.dump();
    }
    EXPECT_TRUE(audited);
}

TEST_P(GdprApi, ErasingAContactRemovesItFromTheCardTheLogAndTheEmails) {
    auto id = person();
    spread(id);
    auto contact = contact_of(id);
    // A second contact added and edited later: the log records it on the client, names apart.
    auto added = app->api("POST", path(id, "/contacts"), admin,
                          json{{"first_name", "Aldonza"}, {"last_name", "Lorenzo"}, {"role", "Intendante"},
                               {"emails", {"aldonza@lorenzo.test"}}});
    ASSERT_EQ(added.status, 201) << added.body;
    const auto aldonza = added.json()["id"].get<std::int64_t>();
    ASSERT_EQ(app->api("PATCH", "/api/v1/contacts/" + std::to_string(aldonza), admin, json{{"role", "Intendante générale"}}).status,
              200);
    ASSERT_FALSE(places_holding(*app, "Aldonza").empty());
    auto r = app->api("POST", "/api/v1/contacts/" + std::to_string(contact) + "/anonymise", admin, kConfirm);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["client_id"], id);
    for (const std::string needle : {"Dulcinée", "dulcinee@toboso.test", "+33698765432"})
        EXPECT_EQ(places_holding(*app, needle), std::vector<std::string>{}) << needle;
    EXPECT_FALSE(places_holding(*app, "Aldonza").empty()) << "the other contact stays";
    ASSERT_EQ(app->api("POST", "/api/v1/contacts/" + std::to_string(aldonza) + "/anonymise", admin, kConfirm).status, 200);
    for (const std::string needle : {"Aldonza", "Lorenzo", "aldonza@lorenzo.test", "Intendante"})
        EXPECT_EQ(places_holding(*app, needle), std::vector<std::string>{}) << needle;
    // The client's own data stays.
    auto card = app->api("GET", path(id), admin).json();
    EXPECT_EQ(card["display_name"], "Quichotte Conseil");
    EXPECT_TRUE(card["contacts"].empty());
    EXPECT_EQ(app->api("GET", "/api/v1/contacts/" + std::to_string(contact), admin).status, 404);
}

TEST_P(GdprApi, ConsentHistoryRecordsEveryChange) {
    auto id = person();
    auto patch = app->api("PATCH", path(id), sales,
                          json{{"email_consent", {{"granted", false}, {"date", "2026-03-01"}, {"source", "Lien de désinscription"},
                                                  {"legal_basis", "consent"}}},
                               {"sms_consent", {{"granted", true}, {"date", "2026-03-02"}, {"source", "Téléphone"},
                                                {"legal_basis", "consent"}}}});
    ASSERT_EQ(patch.status, 200) << patch.body;
    // An edit that does not touch consents records nothing.
    ASSERT_EQ(app->api("PATCH", path(id), admin, json{{"notes", "Rappeler en mars"}}).status, 200);

    auto r = app->api("GET", path(id, "/consents"), reader);
    ASSERT_EQ(r.status, 200) << r.body;
    const json events = r.json()["events"];
    ASSERT_EQ(events.size(), 3u) << r.body;
    std::set<std::string> newest;
    for (int i = 0; i < 2; ++i) newest.insert(events[i]["channel"].get<std::string>() + (events[i]["granted"].get<bool>() ? "+" : "-"));
    EXPECT_EQ(newest, (std::set<std::string>{"email-", "sms+"}));
    EXPECT_EQ(events[0]["recorded_by"]["name"].is_string(), true);
    EXPECT_EQ(events[2]["channel"], "email");
    EXPECT_EQ(events[2]["granted"], true);
    EXPECT_EQ(events[2]["source"], "Salon du livre");
    EXPECT_EQ(events[2]["date"], "2026-01-15");

    // In the export too, and never readable from another company.
    auto sections = sections_by_key(app->api("GET", path(id, "/personal-data"), admin).json());
    EXPECT_EQ(sections["crm.consents"].size(), 3u);
    EXPECT_EQ(app->api("GET", path(id, "/consents"), other.admin_token).status, 404);
}

TEST_P(GdprApi, AnImportRecordsConsentsAndItsUndoRemovesThem) {
    const std::string csv = "Raison sociale;E-mail;Consentement e-mail;Consentement e-mail - date;"
                            "Consentement e-mail - source;Consentement e-mail - base légale\n"
                            "Moulins Réunis;contact@moulins.test;Oui;2026-02-01;Formulaire web;Consentement\n";
    auto up = app->raw("POST", "/api/v1/client-imports?file_name=clients.csv", csv,
                       {{"Authorization", "Bearer " + admin}, {"Content-Type", "text/csv"}});
    ASSERT_EQ(up.status, 201) << up.body;
    const std::string job = "/api/v1/client-imports/" + std::to_string(up.json()["id"].get<std::int64_t>());
    auto wait = [&]() {
        json state;
        for (int i = 0; i < 400; ++i) {
            state = app->api("GET", job, admin).json();
            const std::string s = state.value("status", "");
            if (s != "checking" && s != "running" && s != "undoing") break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return state;
    };
    ASSERT_EQ(app->api("POST", job + "/run", admin, json{{"policy", "skip"}}).status, 202);
    ASSERT_EQ(wait()["status"], "done");
    const json found = app->api("GET", "/api/v1/clients?q=moulins", admin).json()["data"];
    ASSERT_EQ(found.size(), 1u);
    const auto id = found[0]["id"].get<std::int64_t>();
    const json events = app->api("GET", path(id, "/consents"), admin).json()["events"];
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0]["granted"], true);
    EXPECT_EQ(events[0]["source"], "Formulaire web");
    EXPECT_EQ(events[0]["legal_basis"], "consent");

    // The consent history does not stop the undo, which removes it with the client.
    auto undo = app->api("POST", job + "/undo", admin, json::object());
    ASSERT_EQ(undo.status, 202) << undo.body;
    EXPECT_EQ(wait()["status"], "undone");
    EXPECT_EQ(app->api("GET", path(id, "/consents"), admin).status, 404);
    auto conn = app->app().db().acquire();
    EXPECT_EQ(conn->query_one("SELECT COUNT(*) FROM client_consent_events WHERE client_id = ?", {id})->int64(0), 0);
}

TEST_P(GdprApi, RetentionListsStaleProspectsOnlyAndFollowsTheSetting) {
    auto stale = create_client({{"kind", "company"}, {"legal_name", "Ancien prospect"}});
    auto recent = create_client({{"kind", "company"}, {"legal_name", "Prospect de deux ans"}});
    auto busy = create_client({{"kind", "company"}, {"legal_name", "Prospect avec devis"}});
    auto customer = create_client({{"kind", "company"}, {"legal_name", "Vrai client"}, {"status", "client"}});
    document(busy, "", false);
    {
        auto conn = app->app().db().acquire();
        auto age = [&](std::int64_t client, int years) {
            const std::string when = std::to_string(std::stoi(today_iso().substr(0, 4)) - years) + today_iso().substr(4) + "T08:00:00Z";
            conn->execute("UPDATE clients SET updated_at = ?, created_at = ? WHERE id = ?", {when, when, client});
        };
        age(stale, 4);
        age(recent, 2);
        age(busy, 5);
        age(customer, 6);
    }
    auto ids = [&](const HttpResponse& r) {
        std::set<std::int64_t> out;
        const json prospects = r.json()["prospects"];
        for (const auto& p : prospects) out.insert(p["client_id"].get<std::int64_t>());
        return out;
    };
    auto list = app->api("GET", "/api/v1/gdpr/retention", admin);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.json()["years"], 3);
    EXPECT_EQ(ids(list), std::set<std::int64_t>{stale});

    auto set = app->api("PUT", "/api/v1/gdpr/retention", admin, json{{"years", 1}});
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(ids(set), (std::set<std::int64_t>{stale, recent}));
    for (const json& bad : {json{{"years", 0}}, json{{"years", 11}}, json{{"years", "deux"}}, json::object()}) {
        auto r = app->api("PUT", "/api/v1/gdpr/retention", admin, bad);
        EXPECT_EQ(r.status, 422) << bad.dump();
        EXPECT_EQ(r.json()["errors"][0]["field"], "years") << r.body;
    }
    EXPECT_EQ(app->api("GET", "/api/v1/gdpr/retention", admin).json()["years"], 1);

    // Only listed prospects, only with confirmation; nothing changes otherwise.
    auto wrong = app->api("POST", "/api/v1/gdpr/retention/anonymise", admin,
                          json{{"client_ids", {stale, busy}}, {"confirm", true}, {"reason", "Règle de conservation"}});
    EXPECT_EQ(wrong.status, 422);
    EXPECT_EQ(wrong.json()["errors"][0]["field"], "client_ids[1]") << wrong.body;
    auto unconfirmed = app->api("POST", "/api/v1/gdpr/retention/anonymise", admin,
                                json{{"client_ids", {stale}}, {"reason", "Règle de conservation"}});
    EXPECT_EQ(unconfirmed.status, 422);
    EXPECT_EQ(unconfirmed.json()["errors"][0]["field"], "confirm") << unconfirmed.body;
    EXPECT_EQ(app->api("GET", path(stale), admin).json()["display_name"], "Ancien prospect");

    auto done = app->api("POST", "/api/v1/gdpr/retention/anonymise", admin,
                         json{{"client_ids", {stale}}, {"confirm", true}, {"reason", "Règle de conservation"}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(app->api("GET", path(stale), admin).json()["display_name"], "Client anonymisé #" + std::to_string(stale));
    EXPECT_EQ(ids(app->api("GET", "/api/v1/gdpr/retention", admin)), std::set<std::int64_t>{recent});
}

TEST_P(GdprApi, OnlyAdminsExportAnonymiseAndRunTheRetentionRule) {
    auto id = person();
    for (const auto& token : {sales, accountant, reader}) {
        EXPECT_EQ(app->api("GET", path(id, "/personal-data"), token).status, 403);
        EXPECT_EQ(app->api("GET", "/api/v1/contacts/" + std::to_string(contact_of(id)) + "/personal-data", token).status, 403);
        EXPECT_EQ(app->api("POST", path(id, "/anonymise"), token, kConfirm).status, 403);
        EXPECT_EQ(app->api("GET", "/api/v1/gdpr/retention", token).status, 403);
        EXPECT_EQ(app->api("PUT", "/api/v1/gdpr/retention", token, json{{"years", 2}}).status, 403);
        EXPECT_EQ(app->api("POST", "/api/v1/gdpr/retention/anonymise", token,
                           json{{"client_ids", {id}}, {"confirm", true}, {"reason", "x"}})
                      .status,
                  403);
        EXPECT_EQ(app->api("PATCH", "/api/v1/gdpr/register", token, json{{"key", "clients"}, {"purposes", "x"}}).status, 403);
        EXPECT_EQ(app->api("GET", "/api/v1/gdpr/register", token).status, 200);
    }
    // A rectification request is recorded by whoever edits clients.
    EXPECT_EQ(app->api("POST", path(id, "/rectifications"), accountant, json{{"reason", "Courriel du 3 mars"}}).status, 403);
    auto rect = app->api("POST", path(id, "/rectifications"), sales, json{{"reason", "Courriel du 3 mars"}});
    ASSERT_EQ(rect.status, 201) << rect.body;
    EXPECT_EQ(rect.json()["edit"], "/clients/" + std::to_string(id) + "/edit");
    auto history = app->api("GET", path(id, "/history"), admin).json();
    EXPECT_EQ(history["data"][0]["action"], "gdpr_rectification");
    EXPECT_EQ(app->api("GET", path(id), admin).json()["display_name"], "Quichotte Conseil");
}

TEST_P(GdprApi, BadInputIsRefusedNamingTheFieldAndChangesNothing) {
    auto id = person();
    auto mine = app->api("GET", path(id), admin).body;
    auto expect_field = [&](const HttpResponse& r, int status, const std::string& field) {
        EXPECT_EQ(r.status, status) << r.body;
        if (!field.empty()) {
            EXPECT_EQ(r.json()["errors"][0]["field"], field) << r.body;
        }
    };
    expect_field(app->api("POST", path(id, "/anonymise"), admin, json{{"reason", "Demande"}}), 422, "confirm");
    expect_field(app->api("POST", path(id, "/anonymise"), admin, json{{"confirm", true}}), 422, "reason");
    expect_field(app->api("POST", path(id, "/anonymise"), admin, json{{"confirm", "oui"}, {"reason", "x"}}), 422, "confirm");
    expect_field(app->api("POST", path(id, "/anonymise"), admin, json{{"confirm", true}, {"reason", "x"}, {"force", 1}}), 422,
                 "force");
    expect_field(app->api("POST", path(id, "/anonymise"), admin, json::array()), 422, "");
    expect_field(app->api("POST", path(999999, "/anonymise"), admin, kConfirm), 404, "");
    expect_field(app->api("POST", path(id, "/anonymise"), other.admin_token, kConfirm), 404, "");
    expect_field(app->api("GET", path(id, "/personal-data"), other.admin_token), 404, "");
    expect_field(app->api("GET", path(id, "/personal-data?format=xml"), admin), 422, "format");
    expect_field(app->api("GET", "/api/v1/contacts/999999/personal-data", admin), 404, "");
    expect_field(app->api("POST", path(id, "/rectifications"), admin, json{{"reason", "  "}}), 422, "reason");
    expect_field(app->api("POST", path(id, "/rectifications"), admin, json{{"reason", "x"}, {"contact_id", "a"}}), 422,
                 "contact_id");
    EXPECT_EQ(app->api("GET", path(id), admin).body, mine);
    auto history = app->api("GET", path(id, "/history"), admin).json();
    for (const auto& e : history["data"]) EXPECT_NE(e["action"], "gdpr_anonymise");
}

TEST_P(GdprApi, TheRegisterIsPrefilledAndEditedByAdmins) {
    auto r = app->api("GET", "/api/v1/gdpr/register", reader);
    ASSERT_EQ(r.status, 200) << r.body;
    const json list = r.json()["activities"];
    ASSERT_EQ(list.size(), 6u);
    std::set<std::string> keys;
    for (const auto& a : list) {
        keys.insert(a["key"].get<std::string>());
        EXPECT_FALSE(a["legal_basis"].get<std::string>().empty());
        EXPECT_FALSE(a["retention"].get<std::string>().empty());
        EXPECT_EQ(a["transfers"], "Aucun transfert hors de l'Union européenne.");
    }
    EXPECT_EQ(keys, (std::set<std::string>{"clients", "invoicing", "prospecting", "payments", "einvoicing", "accounts"}));

    auto edit = app->api("PATCH", "/api/v1/gdpr/register", admin,
                         json{{"key", "prospecting"}, {"recipients", "Personnel habilité ; Brevo (routeur d'e-mails)"}});
    ASSERT_EQ(edit.status, 200) << edit.body;
    EXPECT_FALSE(edit.json()["updated_at"].is_null());
    auto again = app->api("GET", "/api/v1/gdpr/register", reader).json()["activities"];
    for (const auto& a : again) {
        if (a["key"] == "prospecting") {
            EXPECT_EQ(a["recipients"], "Personnel habilité ; Brevo (routeur d'e-mails)");
        }
    }
    // The other company still has the defaults.
    const json others = app->api("GET", "/api/v1/gdpr/register", other.admin_token).json()["activities"];
    for (const auto& a : others) EXPECT_TRUE(a["updated_at"].is_null());

    EXPECT_EQ(app->api("PATCH", "/api/v1/gdpr/register", admin, json{{"key", "nope"}, {"name", "x"}}).status, 404);
    auto empty = app->api("PATCH", "/api/v1/gdpr/register", admin, json{{"key", "clients"}, {"name", " "}});
    EXPECT_EQ(empty.status, 422);
    EXPECT_EQ(empty.json()["errors"][0]["field"], "name");
    auto unknown = app->api("PATCH", "/api/v1/gdpr/register", admin, json{{"key", "clients"}, {"colour", "bleu"}});
    EXPECT_EQ(unknown.status, 422);
    EXPECT_EQ(unknown.json()["errors"][0]["field"], "colour");
    EXPECT_EQ(app->api("PATCH", "/api/v1/gdpr/register", admin, json{{"purposes", "x"}}).json()["errors"][0]["field"], "key");
}

INSTANTIATE_TEST_SUITE_P(Backends, GdprApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
