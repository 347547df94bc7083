// Mail's pages as a browser uses them, on SQLite and PostgreSQL: the document page's action, the
// compose form (addresses pre-filled, errors named, the one-time key making a resubmission harmless),
// the page of a send with its failure and retry, Administration › E-mail (the password never shown,
// the test email), the templates, and the reminders list with its batch send.
#include <gtest/gtest.h>

#include <regex>

#include "modules/mail/tests/mail_test_support.hpp"

namespace comptoir::mail::testing {
namespace {

using comptoir::testing::WebSession;
using Fields = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kPassword = "correct horse battery";

std::string capture(const std::string& text, const std::string& pattern) {
    std::smatch m;
    if (std::regex_search(text, m, std::regex(pattern))) return m[1];
    return {};
}

// The value of an input or the text of a textarea, as the page holds it (HTML-escaped).
std::string input_value(const std::string& html, const std::string& name) {
    auto v = capture(html, "name=\"" + name + "\" value=\"([^\"]*)\"");
    if (!v.empty()) return v;
    return capture(html, "name=\"" + name + "\"[^>]*value=\"([^\"]*)\"");
}
std::string unescape(std::string s) {
    for (auto [from, to] : {std::pair{"&#39;", "'"}, {"&apos;", "'"}, {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"},
                            {"&amp;", "&"}}) {
        std::size_t pos = 0;
        while ((pos = s.find(from, pos)) != std::string::npos) {
            s.replace(pos, std::strlen(from), to);
            pos += std::strlen(to);
        }
    }
    return s;
}
std::string textarea(const std::string& html, const std::string& name) {
    std::smatch m;
    if (std::regex_search(html, m, std::regex("name=\"" + name + "\"[^>]*>([\\s\\S]*?)</textarea>"))) return unescape(m[1]);
    return {};
}

class MailPages : public MailFixture {
protected:
    void SetUp() override {
        MailFixture::SetUp();
        if (IsSkipped()) return;
        web = std::make_unique<WebSession>(*app);
        ASSERT_EQ(web->login(company.admin_email, company.admin_password).status, 303);
    }
    std::unique_ptr<WebSession> session_of(const std::string& email) {
        auto s = std::make_unique<WebSession>(*app);
        EXPECT_EQ(s->login(email, kPassword).status, 303);
        return s;
    }
    // The compose form as the page gives it, with `changes` applied.
    Fields compose_fields(const std::string& html, const Fields& changes = {}) {
        Fields f{{"idempotency_key", input_value(html, "idempotency_key")},
                 {"subject", unescape(input_value(html, "subject"))},
                 {"body", textarea(html, "body")},
                 {"cc", ""},
                 {"recipients_extra", ""}};
        for (const auto& [k, v] : changes) {
            bool replaced = false;
            for (auto& [fk, fv] : f)
                if (fk == k && k != "recipients") {
                    fv = v;
                    replaced = true;
                }
            if (!replaced) f.emplace_back(k, v);
        }
        return f;
    }
    std::unique_ptr<WebSession> web;
};

TEST_P(MailPages, TheDocumentPageOffersSendingToThoseWhoMay) {
    auto invoice = document("invoice", "100");
    auto draft = document("quote", "10", "", "", false);
    auto page = web->get("/documents/" + id_of(invoice));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "href=\"/documents/" + id_of(invoice) + "/email\"")) << "the action";
    EXPECT_TRUE(contains(page.body, "Envoyer par e-mail"));
    EXPECT_FALSE(contains(web->get("/documents/" + id_of(draft)).body, "/email\""));
    auto reader_web = session_of("lecture-" + token + "@dupre.test");
    EXPECT_FALSE(contains(reader_web->get("/documents/" + id_of(invoice)).body, "/email\""));
    EXPECT_EQ(reader_web->get("/documents/" + id_of(invoice) + "/email").status, 403);
    EXPECT_EQ(web->get("/documents/" + id_of(draft) + "/email").status, 409);
    EXPECT_EQ(web->get("/documents/99999999/email").status, 404);
}

TEST_P(MailPages, ComposeSendAndAResubmissionThatSendsNothing) {
    SKIP_UNLESS_SMTP();
    configure();
    auto invoice = document("invoice", "100");
    const std::string number = invoice["number"];
    auto form = web->get("/documents/" + id_of(invoice) + "/email");
    ASSERT_EQ(form.status, 200) << form.body;
    // The client's addresses: the general one and the primary contact's ticked, the others offered.
    EXPECT_TRUE(std::regex_search(form.body, std::regex("value=\"" + address("jean") + "\" checked")));
    EXPECT_TRUE(std::regex_search(form.body, std::regex("value=\"" + address("accueil") + "\" checked")));
    EXPECT_TRUE(std::regex_search(form.body, std::regex("value=\"" + address("compta") + "\">")));
    EXPECT_TRUE(contains(form.body, "Jean Martin (Gérant)"));
    EXPECT_EQ(unescape(input_value(form.body, "subject")), "Facture " + number + " — Menuiserie Dupré");
    EXPECT_TRUE(contains(textarea(form.body, "body"), "Boulangerie Müller") || contains(textarea(form.body, "body"), number));
    EXPECT_TRUE(contains(form.body, number + ".pdf"));
    ASSERT_FALSE(input_value(form.body, "idempotency_key").empty());

    auto fields = compose_fields(form.body, {{"recipients", address("jean")},
                                             {"recipients_extra", address("autre") + ", " + address("encore")},
                                             {"subject", "Votre facture " + number + " — merci d'avance"}});
    auto sent = web->post("/documents/" + id_of(invoice) + "/email", fields);
    ASSERT_EQ(sent.status, 303) << sent.body;
    const std::string location = sent.header("location");
    ASSERT_TRUE(contains(location, "?done=1")) << location;
    auto page = web->get(location);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "E-mail envoyé."));
    EXPECT_TRUE(contains(page.body, address("autre")));
    EXPECT_TRUE(contains(unescape(page.body), "Votre facture " + number + " — merci d'avance"));
    auto mails = received_for(token);
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].header("subject"), "Votre facture " + number + " — merci d'avance");
    EXPECT_EQ(mails[0].header("to"), address("jean") + ", " + address("autre") + ", " + address("encore"));
    EXPECT_EQ(mails[0].attachment_name, number + ".pdf");

    // The same form sent again (reload, back button, double click): the first send, nothing more.
    auto again = web->post("/documents/" + id_of(invoice) + "/email", fields);
    ASSERT_EQ(again.status, 303);
    EXPECT_TRUE(contains(again.header("location"), "?done=replayed")) << again.header("location");
    EXPECT_TRUE(contains(unescape(web->get(again.header("location")).body), "rien n'a été renvoyé"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(received_for(token, 2, std::chrono::milliseconds(300)).size(), 1u);

    // Back to the form, the text changed, sent again: the page says it was sent already, links to
    // it, and offers a new key for a deliberate second send.
    auto changed = fields;
    for (auto& [k, v] : changed)
        if (k == "body") v += "\nPS : merci !";
    auto conflict = web->post("/documents/" + id_of(invoice) + "/email", changed);
    ASSERT_EQ(conflict.status, 409) << conflict.body;
    EXPECT_TRUE(contains(unescape(conflict.body), "ce formulaire a déjà été envoyé"));
    EXPECT_TRUE(contains(conflict.body, "href=\"" + location.substr(0, location.find('?')) + "\""));
    const std::string new_key = input_value(conflict.body, "idempotency_key");
    EXPECT_FALSE(new_key.empty());
    EXPECT_NE(new_key, input_value(form.body, "idempotency_key"));
    EXPECT_TRUE(contains(conflict.body, "PS : merci !"));
}

TEST_P(MailPages, ErrorsAreNamedAndWhatWasTypedStays) {
    configure(closed_port());
    auto invoice = document("invoice", "100");
    auto form = web->get("/documents/" + id_of(invoice) + "/email");
    auto r = web->post("/documents/" + id_of(invoice) + "/email",
                       compose_fields(form.body, {{"recipients_extra", "pas-une-adresse"}, {"cc", "x@"},
                                                  {"subject", "Objet {inconnu}"}}));
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_TRUE(contains(unescape(r.body), "« pas-une-adresse » n'est pas valide"));
    EXPECT_TRUE(contains(r.body, "{inconnu}"));
    EXPECT_TRUE(contains(r.body, "value=\"pas-une-adresse\""));
    EXPECT_TRUE(contains(r.body, "value=\"Objet {inconnu}\""));
    // Nothing ticked and nothing typed: "give a recipient".
    auto none = web->post("/documents/" + id_of(invoice) + "/email", compose_fields(form.body));
    EXPECT_EQ(none.status, 422);
    EXPECT_TRUE(contains(none.body, "Indiquez au moins un destinataire"));
    EXPECT_EQ(count_sends(), 0);
}

TEST_P(MailPages, AFailedSendSaysWhyAndIsRetriedFromItsPage) {
    SKIP_UNLESS_SMTP();
    configure(closed_port());
    auto invoice = document("invoice", "100");
    auto form = web->get("/documents/" + id_of(invoice) + "/email");
    auto sent = web->post("/documents/" + id_of(invoice) + "/email", compose_fields(form.body, {{"recipients", address("jean")}}));
    ASSERT_EQ(sent.status, 303) << sent.body;
    auto page = web->get(sent.header("location"));
    EXPECT_TRUE(contains(unescape(page.body), "L'envoi a échoué"));
    EXPECT_TRUE(contains(page.body, "injoignable"));
    const std::string id = capture(sent.header("location"), R"(/emails/(\d+))");
    ASSERT_TRUE(contains(page.body, "href=\"/emails/" + id + "/retry\""));
    EXPECT_FALSE(contains(session_of("lecture-" + token + "@dupre.test")->get("/emails/" + id).body, "/retry\""));

    configure();
    auto retry = web->get("/emails/" + id + "/retry");
    ASSERT_EQ(retry.status, 200) << retry.body;
    EXPECT_TRUE(contains(retry.body, "name=\"retry_of\" value=\"" + id + "\""));
    EXPECT_TRUE(std::regex_search(retry.body, std::regex("value=\"" + address("jean") + "\" checked")));
    auto again = web->post("/documents/" + id_of(invoice) + "/email",
                           compose_fields(retry.body, {{"recipients", address("jean")}, {"retry_of", id}}));
    ASSERT_EQ(again.status, 303) << again.body;
    auto done = web->get(again.header("location"));
    EXPECT_TRUE(contains(done.body, "E-mail envoyé."));
    EXPECT_TRUE(contains(done.body, "href=\"/emails/" + id + "\""));  // "retry of"
    EXPECT_EQ(received_for(address("jean")).size(), 1u);
}

TEST_P(MailPages, SettingsPageNeverShowsThePassword) {
    auto page = web->get("/admin/mail");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Serveur (hôte)"));
    EXPECT_TRUE(contains(page.body, "href=\"/admin/mail\" aria-current=\"page\""));  // the admin tab
    const std::string secret = "secret-" + token;
    Fields fields{{"host", "smtp.dupre.test"}, {"port", "587"},           {"security", "starttls"},
                  {"username", "factures"},    {"password", secret},      {"from_address", "factures@dupre.test"},
                  {"from_name", "Menuiserie Dupré"}, {"reply_to", ""}, {"language", "fr"}};
    auto saved = web->post("/admin/mail", fields);
    ASSERT_EQ(saved.status, 303) << saved.body;
    auto after = web->get(saved.header("location"));
    EXPECT_TRUE(contains(after.body, "Réglages enregistrés."));
    EXPECT_FALSE(contains(after.body, secret));
    EXPECT_TRUE(contains(after.body, "Un mot de passe est enregistré"));
    // Saving again without typing it keeps it.
    fields[4].second = "";
    ASSERT_EQ(web->post("/admin/mail", fields).status, 303);
    EXPECT_TRUE(app->api("GET", "/api/v1/mail/settings", admin).json()["password_set"].get<bool>());

    fields[1].second = "huit";
    fields[5].second = "factures";
    auto bad = web->post("/admin/mail", fields);
    ASSERT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "Le port est un nombre entre 1 et 65535"));
    EXPECT_TRUE(contains(unescape(bad.body), "« factures » n'est pas valide"));
    EXPECT_EQ(app->api("GET", "/api/v1/mail/settings", admin).json()["port"], 587);

    EXPECT_EQ(session_of("vente-" + token + "@dupre.test")->get("/admin/mail").status, 403);
}

TEST_P(MailPages, TheTestEmailButton) {
    SKIP_UNLESS_SMTP();
    configure();
    auto page = web->get("/admin/mail");
    EXPECT_TRUE(contains(page.body, "action=\"/admin/mail/test\""));
    auto r = web->post("/admin/mail/test", {{"to", address("essai")}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(contains(r.body, "E-mail de test envoyé"));
    EXPECT_EQ(received_for(address("essai")).size(), 1u);
    configure(closed_port());
    auto down = web->post("/admin/mail/test", {{"to", address("essai")}});
    EXPECT_EQ(down.status, 422);
    EXPECT_TRUE(contains(down.body, "injoignable"));
}

TEST_P(MailPages, TemplatesAreEditedAndReset) {
    auto list = web->get("/admin/mail/templates");
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, "Relance niveau 2"));
    auto edit = web->get("/admin/mail/templates/reminder_1");
    ASSERT_EQ(edit.status, 200);
    EXPECT_TRUE(contains(edit.body, "{amount_due}"));
    auto bad = web->post("/admin/mail/templates/invoice", {{"subject", "Facture {numero}"}, {"body", "Bonjour"}});
    ASSERT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "Variable inconnue : {numero}"));
    EXPECT_TRUE(contains(bad.body, "value=\"Facture {numero}\""));
    auto ok = web->post("/admin/mail/templates/invoice", {{"subject", "Facture {document_number}"}, {"body", "Bonjour {client_name}"}});
    ASSERT_EQ(ok.status, 303);
    EXPECT_TRUE(contains(web->get("/admin/mail/templates").body, "Personnalisé"));
    ASSERT_EQ(web->post("/admin/mail/templates/invoice/reset", {}).status, 303);
    EXPECT_FALSE(contains(web->get("/admin/mail/templates").body, "Personnalisé"));
    EXPECT_EQ(web->get("/admin/mail/templates/nothing").status, 404);
    EXPECT_EQ(session_of("compta-" + token + "@dupre.test")->get("/admin/mail/templates").status, 403);
}

TEST_P(MailPages, RemindersListAndBatch) {
    auto late = document("invoice", "100", days_from_today(-100), days_from_today(-70));
    auto recent = document("invoice", "200", days_from_today(-20), days_from_today(-5));
    auto page = web->get("/reminders");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "61 à 90 jours"));
    EXPECT_TRUE(contains(page.body, "1 à 30 jours"));
    EXPECT_TRUE(contains(page.body, late["number"].get<std::string>()));
    EXPECT_TRUE(contains(page.body, "name=\"document_ids\" value=\"" + id_of(recent) + "\""));
    EXPECT_TRUE(contains(page.body, "href=\"/reminders\" aria-current=\"page\""));  // in the navigation
    auto reader_page = session_of("lecture-" + token + "@dupre.test")->get("/reminders");
    EXPECT_EQ(reader_page.status, 200);
    EXPECT_FALSE(contains(reader_page.body, "name=\"document_ids\""));

    auto none = web->post("/reminders", {{"level", "auto"}, {"idempotency_key", input_value(page.body, "idempotency_key")}});
    EXPECT_EQ(none.status, 422);
    EXPECT_TRUE(contains(none.body, "Cochez au moins une facture"));

    if (!smtp_available()) return;
    configure();
    const Fields batch{{"document_ids", id_of(late)},
                       {"document_ids", id_of(recent)},
                       {"level", "auto"},
                       {"idempotency_key", input_value(page.body, "idempotency_key")}};
    auto sent = session_of("compta-" + token + "@dupre.test");
    sent->get("/reminders");
    auto r = sent->post("/reminders", batch);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(contains(r.body, "2 relances envoyées."));
    EXPECT_EQ(received_for(address("jean"), 2).size(), 2u);
    auto again = sent->post("/reminders", batch);  // a reload of the result page
    EXPECT_EQ(again.status, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(received_for(address("jean"), 3, std::chrono::milliseconds(300)).size(), 2u);
    EXPECT_TRUE(contains(web->get("/reminders").body, "Niveau 1 · "));

    // One reminder written by hand: level 2's template, editable.
    auto compose = web->get("/reminders/" + id_of(late) + "/email?level=2");
    ASSERT_EQ(compose.status, 200) << compose.body;
    EXPECT_EQ(unescape(input_value(compose.body, "subject")),
              "Deuxième relance : facture " + late["number"].get<std::string>() + " impayée");
    auto one = web->post("/reminders/" + id_of(late) + "/email",
                         compose_fields(compose.body, {{"recipients", address("compta")}, {"level", "2"}}));
    ASSERT_EQ(one.status, 303) << one.body;
    auto mails = received_for(address("compta"));
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_TRUE(contains(mails[0].text, "70 jours de retard")) << mails[0].text;
    EXPECT_EQ(web->get("/reminders/" + id_of(late) + "/email?level=7").status, 422);
}

INSTANTIATE_TEST_SUITE_P(Backends, MailPages, ::testing::ValuesIn(comptoir::testing::backends()),
                         [](const auto& info) { return comptoir::testing::backend_name(info.param); });

}  // namespace
}  // namespace comptoir::mail::testing
