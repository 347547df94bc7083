// Mail through /api/v1 on SQLite and PostgreSQL, against the real SMTP sink `make test` starts:
// what the server received (envelope, headers, decoded subject, body with its variables, the PDF),
// a repeated key sending nothing more, the failures (server down, bad addresses, not configured),
// settings and templates, permissions, reminders by age and level, and the history's events.
#include <gtest/gtest.h>

#include "core/money/money.hpp"
#include "modules/mail/service/mail_service.hpp"
#include "modules/mail/tests/mail_test_support.hpp"
#include "modules/payments/service/payment_service.hpp"

namespace comptoir::mail::testing {
namespace {

class MailApi : public MailFixture {};

std::vector<std::string> fields_of(const HttpResponse& r) {
    std::vector<std::string> out;
    const json body = r.json();
    if (body.is_object() && body.contains("errors"))
        for (const auto& e : body["errors"]) out.push_back(e["field"]);
    return out;
}

// ---- Settings ----

TEST_P(MailApi, SettingsAreTheAdminsAndThePasswordNeverComesBack) {
    EXPECT_EQ(app->api("GET", "/api/v1/mail/settings", sales).status, 403);
    EXPECT_EQ(app->api("PUT", "/api/v1/mail/settings", accountant, json{{"host", "x"}}).status, 403);
    auto fresh = app->api("GET", "/api/v1/mail/settings", admin);
    ASSERT_EQ(fresh.status, 200) << fresh.body;
    EXPECT_FALSE(fresh.json()["configured"].get<bool>());

    const std::string secret = "mot-de-passe-" + token;
    auto saved = app->api("PUT", "/api/v1/mail/settings", admin,
                          json{{"host", "smtp.dupre.test"}, {"port", 587}, {"security", "starttls"}, {"username", "factures"},
                               {"password", secret}, {"from_address", "Factures@Dupre.TEST"}, {"from_name", "Menuiserie Dupré"},
                               {"bcc_self", true}});
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_TRUE(saved.json()["password_set"].get<bool>());
    EXPECT_EQ(saved.json()["from_address"], "factures@dupre.test");
    EXPECT_TRUE(saved.json()["configured"].get<bool>());
    EXPECT_FALSE(contains(saved.body, secret));
    auto read = app->api("GET", "/api/v1/mail/settings", admin);
    EXPECT_FALSE(contains(read.body, secret));
    EXPECT_FALSE(read.json().contains("password"));

    // Absent: kept; the audit log says it changed, never what it is.
    auto kept = app->api("PUT", "/api/v1/mail/settings", admin, json{{"from_name", "Dupré & fils"}});
    ASSERT_EQ(kept.status, 200) << kept.body;
    EXPECT_TRUE(kept.json()["password_set"].get<bool>());
    EXPECT_EQ(kept.json()["host"], "smtp.dupre.test");
    {
        auto conn = app->app().db().acquire();
        std::string all;
        for (const auto& r : conn->query("SELECT changes FROM audit_log WHERE company_id = ? AND entity = 'mail_settings'",
                                         {company.id}))
            all += r.text(0);
        EXPECT_TRUE(contains(all, "\"password\":\"changed\"")) << all;
        EXPECT_FALSE(contains(all, secret));
    }
    auto cleared = app->api("PUT", "/api/v1/mail/settings", admin, json{{"password", nullptr}});
    EXPECT_FALSE(cleared.json()["password_set"].get<bool>());

    auto bad = app->api("PUT", "/api/v1/mail/settings", admin,
                        json{{"host", "smtp dupre/test"}, {"port", 0}, {"security", "ssl"}, {"from_address", "factures@"},
                             {"reply_to", "x"}, {"colour", "red"}});
    ASSERT_EQ(bad.status, 422) << bad.body;
    auto fields = fields_of(bad);
    for (const char* f : {"host", "port", "security", "from_address", "reply_to", "colour"})
        EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f << " in " << bad.body;
    EXPECT_EQ(app->api("GET", "/api/v1/mail/settings", admin).json()["host"], "smtp.dupre.test");  // unchanged
}

TEST_P(MailApi, TestEmailReachesTheAdmin) {
    SKIP_UNLESS_SMTP();
    EXPECT_EQ(app->api("POST", "/api/v1/mail/test", admin, json::object()).status, 409);  // not configured
    configure();
    auto r = app->api("POST", "/api/v1/mail/test", admin, json{{"to", address("test")}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["status"], "sent");
    auto mails = received_for(address("test"));
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].header("subject"), "Comptoir — e-mail de test");
    auto bad = app->api("POST", "/api/v1/mail/test", admin, json{{"to", "nobody"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(fields_of(bad), std::vector<std::string>{"to"});
}

// ---- Templates ----

TEST_P(MailApi, TemplatesAreEditedWithKnownVariablesOnly) {
    EXPECT_EQ(app->api("GET", "/api/v1/mail/templates", sales).status, 403);
    auto list = app->api("GET", "/api/v1/mail/templates", admin);
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(list.json()["data"].size(), 11u);
    EXPECT_EQ(list.json()["data"][4]["key"], "invoice");
    EXPECT_EQ(list.json()["data"][4]["subject"], "Facture {document_number} — {company_name}");
    EXPECT_FALSE(list.json()["data"][4]["customised"].get<bool>());

    auto bad = app->api("PUT", "/api/v1/mail/templates", admin,
                        json{{"templates", json::array({{{"key", "invoice"}, {"subject", "Facture {numero}"}, {"body", "Bonjour"}},
                                                        {{"key", "reminder_9"}, {"subject", "x"}, {"body", "y"}}})}});
    ASSERT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(fields_of(bad), (std::vector<std::string>{"templates[0].subject", "templates[1].key"}));
    EXPECT_TRUE(contains(bad.json()["errors"][0]["message_fr"], "{numero}")) << bad.body;
    EXPECT_TRUE(contains(bad.json()["errors"][0]["message_fr"], "{document_number}")) << bad.body;

    auto ok = app->api("PUT", "/api/v1/mail/templates", admin,
                       json{{"templates", json::array({{{"key", "invoice"},
                                                        {"subject", "Votre facture {document_number}"},
                                                        {"body", "Bonjour {client_name}, reste {amount_due}."}}})}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_TRUE(ok.json()["data"][4]["customised"].get<bool>());
    EXPECT_EQ(ok.json()["data"][4]["subject"], "Votre facture {document_number}");
    auto reset = app->api("PUT", "/api/v1/mail/templates", admin,
                          json{{"templates", json::array({{{"key", "invoice"}, {"reset", true}}})}});
    ASSERT_EQ(reset.status, 200) << reset.body;
    EXPECT_FALSE(reset.json()["data"][4]["customised"].get<bool>());

    // English defaults follow the settings' language.
    app->api("PUT", "/api/v1/mail/settings", admin,
             json{{"host", "smtp.dupre.test"}, {"from_address", "f@dupre.test"}, {"language", "en"}});
    EXPECT_EQ(app->api("GET", "/api/v1/mail/templates", admin).json()["data"][4]["subject"],
              "Invoice {document_number} — {company_name}");
}

// ---- Sending a document ----

TEST_P(MailApi, SendsAnInvoiceWithItsPdfToTheChosenAddresses) {
    SKIP_UNLESS_SMTP();
    configure(0, json{{"bcc_self", true}, {"reply_to", "compta@dupre.test"}});
    auto invoice = document("invoice", "100");
    const std::string number = invoice["number"];
    auto r = send(invoice, json{{"recipients", {address("jean"), "Compta-" + token + "@Client.TEST"}},
                                {"cc", {address("associe")}}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto sent = r.json();
    EXPECT_EQ(sent["status"], "sent");
    EXPECT_EQ(sent["kind"], "document");
    EXPECT_EQ(sent["recipients"], json({address("jean"), address("compta")}));
    EXPECT_EQ(sent["attachment"]["name"], number + ".pdf");
    EXPECT_EQ(sent["bcc"], json({"factures-" + token + "@dupre.test"}));

    auto mails = received_for(token);
    ASSERT_EQ(mails.size(), 1u);
    const auto& m = mails[0];
    const std::string envelope = m.header("x-envelope-to");
    for (const auto& a : {address("jean"), address("compta"), address("associe"), "factures-" + token + "@dupre.test"})
        EXPECT_TRUE(contains(envelope, a)) << a << " not in " << envelope;
    EXPECT_TRUE(contains(m.header("to"), address("jean")));
    EXPECT_TRUE(contains(m.header("to"), address("compta")));
    EXPECT_EQ(m.header("cc"), address("associe"));
    EXPECT_EQ(m.header("bcc"), "");  // a blind copy stays blind
    EXPECT_FALSE(contains(m.raw.substr(0, m.raw.find("\r\n\r\n")), "Bcc:"));
    EXPECT_EQ(m.header("from"), "Menuiserie Dupré <factures-" + token + "@dupre.test>");
    EXPECT_EQ(m.header("reply-to"), "compta@dupre.test");
    EXPECT_EQ(m.header("subject"), "Facture " + number + " — Menuiserie Dupré");
    EXPECT_TRUE(contains(m.raw, "Subject: =?UTF-8?B?")) << "the subject is RFC 2047 encoded";
    EXPECT_EQ(m.header("message-id"), sent["message_id"].get<std::string>());
    EXPECT_FALSE(m.header("date").empty());
    EXPECT_TRUE(contains(lower(m.header("content-type")), "multipart/mixed"));
    EXPECT_TRUE(contains(lower(m.text_content_type), "charset=utf-8")) << m.text_content_type;
    // The body: the template with its variables filled.
    EXPECT_TRUE(contains(m.text, "notre facture n° " + number)) << m.text;
    EXPECT_TRUE(contains(m.text, Money::from_cents(12000).to_display_fr() + " TTC")) << m.text;
    EXPECT_TRUE(contains(m.text, "payable au plus tard le " + display_date(invoice["due_date"], "fr"))) << m.text;
    EXPECT_TRUE(contains(m.text, "Menuiserie Dupré")) << m.text;
    EXPECT_EQ(m.text, [&] {
        std::string b = sent["body"];
        std::string crlf;
        for (char c : b) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        return crlf;
    }());
    // The PDF, as the document's own.
    EXPECT_EQ(m.attachment_name, number + ".pdf");
    EXPECT_EQ(m.attachment_type, "application/pdf");
    ASSERT_GE(m.attachment.size(), 5u);
    EXPECT_EQ(m.attachment.substr(0, 5), "%PDF-");
    auto pdf = app->api("GET", "/api/v1/documents/" + id_of(invoice) + "/pdf", admin);
    EXPECT_EQ(m.attachment, pdf.body);
    EXPECT_EQ(sent["attachment"]["size"].get<std::size_t>(), pdf.body.size());

    // The invoice is now "sent"; the send is on record.
    EXPECT_EQ(app->api("GET", "/api/v1/documents/" + id_of(invoice), admin).json()["status"], "sent");
    auto one = app->api("GET", "/api/v1/emails/" + id_of(sent), reader);
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(one.json()["subject"], sent["subject"]);
    EXPECT_EQ(one.json()["created_by_name"], "Admin Menuiserie Dupré");
}

TEST_P(MailApi, SubjectAndBodyAreEditableWithVariables) {
    SKIP_UNLESS_SMTP();
    configure();
    auto quote = document("quote", "250");
    auto r = send(quote, json{{"recipients", {address("jean")}},
                              {"subject", "Votre devis {document_number} chez {company_name} : à signer"},
                              {"body", "Bonjour {client_name},\nMontant : {amount}.\nÀ bientôt !"}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto mails = received_for(address("jean"));
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].header("subject"),
              "Votre devis " + quote["number"].get<std::string>() + " chez Menuiserie Dupré : à signer");
    EXPECT_EQ(mails[0].text, "Bonjour Boulangerie Müller,\r\nMontant : " + Money::from_cents(30000).to_display_fr() +
                                 ".\r\nÀ bientôt !");
    EXPECT_EQ(app->api("GET", "/api/v1/documents/" + id_of(quote), admin).json()["status"], "sent");

    auto unknown = send(quote, json{{"recipients", {address("jean")}}, {"body", "Bonjour {prenom}"}});
    ASSERT_EQ(unknown.status, 422);
    EXPECT_EQ(fields_of(unknown), std::vector<std::string>{"body"});
}

TEST_P(MailApi, ARepeatWithTheSameKeySendsNothingMore) {
    SKIP_UNLESS_SMTP();
    configure();
    auto invoice = document("invoice", "80");
    const json body = {{"recipients", {address("jean")}}};
    const std::string key = "envoi-" + token;
    auto first = send(invoice, body, "", key);
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.header("idempotent-replayed"), "");
    auto again = send(invoice, body, "", key);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.header("idempotent-replayed"), "true");
    EXPECT_EQ(again.json()["id"], first.json()["id"]);
    EXPECT_EQ(again.json()["status"], "sent");
    // Concurrent repeats (a double click): still one email.
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) threads.emplace_back([&] { EXPECT_EQ(send(invoice, body, "", key).status, 200); });
    for (auto& t : threads) t.join();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(received_for(address("jean"), 2, std::chrono::milliseconds(500)).size(), 1u);
    EXPECT_EQ(count_sends(), 1);

    // The same key for another request is a conflict naming the first send.
    auto other = send(invoice, json{{"recipients", {address("compta")}}}, "", key);
    ASSERT_EQ(other.status, 409) << other.body;
    EXPECT_EQ(other.json()["code"], "idempotency_key.reused");
    EXPECT_EQ(other.json()["email_id"], first.json()["id"]);
    EXPECT_TRUE(received_for(address("compta"), 1, std::chrono::milliseconds(300)).empty());
    EXPECT_EQ(count_sends(), 1);
}

TEST_P(MailApi, ASendLeftPendingIsNeverSentAgain) {
    SKIP_UNLESS_SMTP();
    configure();
    auto invoice = document("invoice", "50");
    const json body = {{"recipients", {address("jean")}}};
    auto first = send(invoice, body, "", "k-" + token);
    ASSERT_EQ(first.status, 201) << first.body;
    ASSERT_EQ(received_for(address("jean")).size(), 1u);
    // As if the process had died during the SMTP conversation.
    app->app().db().acquire()->execute("UPDATE mail_sends SET status = 'pending', finished_at = '' WHERE id = ?",
                                       {first.json()["id"].get<std::int64_t>()});
    auto repeat = send(invoice, body, "", "k-" + token);
    ASSERT_EQ(repeat.status, 200) << repeat.body;
    EXPECT_EQ(repeat.json()["status"], "pending");
    auto retry = post_with_key("/api/v1/emails/" + id_of(first.json()) + "/retry", json::object(), "r-" + token);
    EXPECT_EQ(retry.status, 409) << retry.body;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(received_for(address("jean"), 2, std::chrono::milliseconds(300)).size(), 1u);
}

TEST_P(MailApi, ServerDownIsRecordedAsFailedAndRetriedExplicitly) {
    SKIP_UNLESS_SMTP();
    configure(closed_port());
    auto invoice = document("invoice", "100");
    auto failed = send(invoice, json{{"recipients", {address("jean")}}}, "", "a-" + token);
    ASSERT_EQ(failed.status, 201) << failed.body;
    EXPECT_EQ(failed.json()["status"], "failed");
    EXPECT_EQ(failed.json()["error"]["code"], "connect");
    EXPECT_TRUE(contains(failed.json()["error"]["message_fr"], "injoignable")) << failed.body;
    EXPECT_FALSE(failed.json()["error"]["detail"].get<std::string>().empty());
    // A failed send does not mark the invoice as sent.
    EXPECT_EQ(app->api("GET", "/api/v1/documents/" + id_of(invoice), admin).json()["status"], "validated");
    // The same key answers the failure; nothing is attempted again.
    auto repeat = send(invoice, json{{"recipients", {address("jean")}}}, "", "a-" + token);
    EXPECT_EQ(repeat.status, 200);
    EXPECT_EQ(repeat.json()["status"], "failed");
    EXPECT_EQ(count_sends(), 1);

    // The server is back: an explicit retry, under a new key, sends the same email.
    configure();
    const std::string retry_path = "/api/v1/emails/" + id_of(failed.json()) + "/retry";
    EXPECT_EQ(post_with_key(retry_path, json::object(), "b-" + token, reader).status, 403);
    auto retried = post_with_key(retry_path, json::object(), "b-" + token);
    ASSERT_EQ(retried.status, 201) << retried.body;
    EXPECT_EQ(retried.json()["status"], "sent");
    EXPECT_EQ(retried.json()["retry_of"], failed.json()["id"]);
    EXPECT_EQ(retried.json()["subject"], failed.json()["subject"]);
    EXPECT_EQ(post_with_key(retry_path, json::object(), "b-" + token).status, 200);  // its own repeat
    EXPECT_EQ(received_for(address("jean")).size(), 1u);
    EXPECT_EQ(post_with_key("/api/v1/emails/" + id_of(retried.json()) + "/retry", json::object(), "c-" + token).status, 409);
    EXPECT_EQ(app->api("GET", "/api/v1/documents/" + id_of(invoice), admin).json()["status"], "sent");

    // Both attempts are in the client's history, outside the balance.
    auto& payments = app->app().payments().payments();
    Actor actor{company.id, 1, Role::Admin, "fr", "", ""};
    auto ledger = payments.ledger(actor, client_id, "", "", {});
    ASSERT_TRUE(ledger) << ledger.error().message_en;
    std::vector<payments::LedgerEvent> emails;
    for (const auto& line : ledger->lines)
        if (line.event.kind == "email") emails.push_back(line.event);
    ASSERT_EQ(emails.size(), 2u);
    EXPECT_EQ(emails[0].status, "failed");
    EXPECT_TRUE(contains(emails[0].detail, "échec")) << emails[0].detail;
    EXPECT_TRUE(contains(emails[0].detail, address("jean"))) << emails[0].detail;
    EXPECT_EQ(emails[0].link, "/emails/" + id_of(failed.json()));
    EXPECT_EQ(emails[1].status, "sent");
    EXPECT_EQ(emails[1].number, invoice["number"]);
    EXPECT_EQ(emails[1].date, today_paris());
    EXPECT_FALSE(emails[1].in_balance);
    EXPECT_EQ(ledger->closing, Money::from_cents(12000));  // emails never move the balance
}

TEST_P(MailApi, BadAddressesAreNamedAndNothingIsWritten) {
    configure(smtp_available() ? 0 : closed_port());
    auto invoice = document("invoice", "100");
    auto r = send(invoice, json{{"recipients", {address("jean"), "pas une adresse", "élodie@café.fr"}},
                                {"cc", {"compta@"}},
                                {"subject", ""}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(fields_of(r), (std::vector<std::string>{"recipients[1]", "recipients[2]", "cc[0]", "subject"}));
    EXPECT_TRUE(contains(r.json()["errors"][0]["message_fr"], "pas une adresse")) << r.body;
    auto none = send(invoice, json{{"recipients", json::array()}});
    EXPECT_EQ(fields_of(none), std::vector<std::string>{"recipients"});
    auto wrong_type = send(invoice, json{{"recipients", {1, 2}}, {"extra", true}});
    EXPECT_EQ(fields_of(wrong_type), (std::vector<std::string>{"extra", "recipients[0]", "recipients[1]"}));
    auto bad_key = send(invoice, json{{"recipients", {address("jean")}}}, "", "clé avec espaces");
    EXPECT_EQ(fields_of(bad_key), std::vector<std::string>{"idempotency_key"});
    EXPECT_EQ(count_sends(), 0);
    EXPECT_EQ(app->api("GET", "/api/v1/emails?document_id=" + id_of(invoice), admin).json()["data"].size(), 0u);
    EXPECT_EQ(app->api("GET", "/api/v1/documents/" + id_of(invoice), admin).json()["status"], "validated");
}

TEST_P(MailApi, NotConfiguredOrDraftIsAConflictAndNothingIsRecorded) {
    auto invoice = document("invoice", "100");
    auto r = send(invoice, json{{"recipients", {address("jean")}}});
    ASSERT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.json()["code"], "mail.not_configured");
    configure(closed_port());
    auto draft = document("invoice", "10", "", "", false);
    auto d = send(draft, json{{"recipients", {address("jean")}}});
    ASSERT_EQ(d.status, 409) << d.body;
    EXPECT_EQ(d.json()["code"], "document.not_issued");
    EXPECT_EQ(count_sends(), 0);
}

TEST_P(MailApi, PermissionsAndTenancy) {
    configure(closed_port());
    auto invoice = document("invoice", "100");
    const json body = {{"recipients", {address("jean")}}};
    EXPECT_EQ(send(invoice, body, reader).status, 403);
    EXPECT_EQ(send(invoice, body, accountant).status, 403);
    auto by_sales = send(invoice, body, sales);
    EXPECT_EQ(by_sales.status, 201) << by_sales.body;
    EXPECT_EQ(app->api("GET", "/api/v1/emails", reader).status, 200);
    EXPECT_EQ(app->api("GET", "/api/v1/emails", reader).json()["data"].size(), 1u);

    auto other = app->create_company("Concurrent", "admin-conc-" + token + "@conc.test");
    EXPECT_EQ(send(invoice, body, other.admin_token).status, 404);
    EXPECT_EQ(app->api("GET", "/api/v1/emails/" + id_of(by_sales.json()), other.admin_token).status, 404);
    EXPECT_EQ(app->api("GET", "/api/v1/emails", other.admin_token).json()["data"].size(), 0u);
    EXPECT_EQ(post_with_key("/api/v1/emails/" + id_of(by_sales.json()) + "/retry", json::object(), "", other.admin_token).status,
              404);
    EXPECT_EQ(app->api("POST", "/api/v1/documents/99999999/emails", admin, body).status, 404);
    EXPECT_EQ(app->api("GET", "/api/v1/mail/settings", other.admin_token).json()["configured"], false);
}

TEST_P(MailApi, ListsSendsNewestFirstWithFiltersAndCursor) {
    configure(closed_port());  // failures are sends too; no mail needed here
    auto a = document("invoice", "10");
    auto b = document("invoice", "20");
    for (const auto* d : {&a, &b, &a}) ASSERT_EQ(send(*d, json{{"recipients", {address("jean")}}}).status, 201);
    auto page = app->api("GET", "/api/v1/emails?limit=2", admin).json();
    ASSERT_EQ(page["data"].size(), 2u);
    EXPECT_GT(page["data"][0]["id"].get<std::int64_t>(), page["data"][1]["id"].get<std::int64_t>());
    ASSERT_TRUE(page["next_cursor"].is_string());
    auto next = app->api("GET", "/api/v1/emails?limit=2&cursor=" + page["next_cursor"].get<std::string>(), admin).json();
    EXPECT_EQ(next["data"].size(), 1u);
    EXPECT_TRUE(next["next_cursor"].is_null());
    EXPECT_EQ(app->api("GET", "/api/v1/emails?document_id=" + id_of(a), admin).json()["data"].size(), 2u);
    EXPECT_EQ(app->api("GET", "/api/v1/emails?client_id=" + std::to_string(client_id) + "&kind=document", admin)
                  .json()["data"].size(),
              3u);
    EXPECT_EQ(app->api("GET", "/api/v1/emails?kind=reminder", admin).json()["data"].size(), 0u);
    auto bad = app->api("GET", "/api/v1/emails?limit=0&kind=fax&cursor=abc", admin);
    EXPECT_EQ(fields_of(bad), (std::vector<std::string>{"kind", "limit", "cursor"}));
}

// ---- Reminders ----

class Reminders : public MailFixture {
protected:
    // Oldest first: a series' issue dates never go back. Each invoice of 100 € HT is 120 € due.
    void invoices() {
        over_90 = document("invoice", "100", days_from_today(-130), days_from_today(-100));
        d61_90 = document("invoice", "100", days_from_today(-100), days_from_today(-70));
        paid = document("invoice", "100", days_from_today(-80), days_from_today(-50));
        d31_60 = document("invoice", "100", days_from_today(-75), days_from_today(-45));
        d1_30 = document("invoice", "100", days_from_today(-40), days_from_today(-10));
        not_due = document("invoice", "100", days_from_today(-1), days_from_today(29));
        auto pay = app->api("POST", "/api/v1/payments", admin,
                            json{{"client_id", client_id}, {"amount", "170"}, {"method", "transfer"},
                                 {"allocations", json::array({{{"document_id", paid["id"]}, {"amount", "120"}},
                                                              {{"document_id", d31_60["id"]}, {"amount", "50"}}})}});
        ASSERT_EQ(pay.status, 201) << pay.body;
    }
    json over_90, d61_90, paid, d31_60, d1_30, not_due;
};

TEST_P(Reminders, OverdueInvoicesByAgeWithWhatRemains) {
    invoices();
    auto r = app->api("GET", "/api/v1/reminders", reader);
    ASSERT_EQ(r.status, 200) << r.body;
    auto data = r.json()["data"];
    ASSERT_EQ(data.size(), 4u) << r.body;  // neither the paid one nor the one not yet due
    EXPECT_EQ(data[0]["document_id"], over_90["id"]);
    EXPECT_EQ(data[0]["bucket"], "over_90");
    EXPECT_EQ(data[0]["days_overdue"], 100);
    EXPECT_EQ(data[1]["bucket"], "61_90");
    EXPECT_EQ(data[2]["document_id"], d31_60["id"]);
    EXPECT_EQ(data[2]["bucket"], "31_60");
    EXPECT_EQ(data[2]["remaining"], "70.00");  // 120 − 50 paid
    EXPECT_EQ(data[2]["total"], "120.00");
    EXPECT_EQ(data[3]["bucket"], "1_30");
    EXPECT_EQ(data[3]["client_name"], "Boulangerie Müller");
    EXPECT_TRUE(data[3]["last_level"].is_null());
    EXPECT_EQ(data[3]["suggested_level"], 1);
    auto buckets = r.json()["buckets"];
    EXPECT_EQ(buckets[0], (json{{"bucket", "1_30"}, {"count", 1}, {"remaining", "120.00"}}));
    EXPECT_EQ(buckets[2], (json{{"bucket", "61_90"}, {"count", 1}, {"remaining", "120.00"}}));
}

TEST_P(Reminders, ThreeLevelsWithTheirOwnTemplates) {
    SKIP_UNLESS_SMTP();
    invoices();
    configure();
    const std::string key = "relances-" + token;
    auto first = post_with_key("/api/v1/reminders", json{{"document_ids", {d31_60["id"], over_90["id"]}}, {"level", 1}}, key,
                               accountant);
    ASSERT_EQ(first.status, 200) << first.body;
    auto results = first.json()["results"];
    ASSERT_EQ(results.size(), 2u);
    for (const auto& res : results) {
        EXPECT_EQ(res["outcome"], "sent") << res.dump();
        EXPECT_EQ(res["email"]["kind"], "reminder");
        EXPECT_EQ(res["email"]["level"], 1);
        // The client's usual addresses: its general one and its primary contact's.
        EXPECT_EQ(res["email"]["recipients"], json({address("accueil"), address("jean")}));
    }
    auto mails = received_for(address("jean"), 2);
    ASSERT_EQ(mails.size(), 2u);
    const std::string number = d31_60["number"];
    const Received* about = nullptr;
    for (const auto& m : mails)
        if (contains(m.header("subject"), number)) about = &m;
    ASSERT_NE(about, nullptr);
    EXPECT_EQ(about->header("subject"), "Rappel : facture " + number + " échue le " + display_date(d31_60["due_date"], "fr"));
    EXPECT_TRUE(contains(about->text, "pour un montant de " + Money::from_cents(7000).to_display_fr())) << about->text;
    EXPECT_EQ(about->attachment_name, number + ".pdf");
    EXPECT_EQ(about->attachment.substr(0, 5), "%PDF-");

    // The same batch again: nothing more leaves.
    auto again = post_with_key("/api/v1/reminders", json{{"document_ids", {d31_60["id"], over_90["id"]}}, {"level", 1}}, key,
                               accountant);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_TRUE(again.json()["results"][0]["replayed"].get<bool>());
    EXPECT_EQ(again.json()["results"][0]["email"]["id"], results[0]["email"]["id"]);

    // The list now knows the last level and suggests the next.
    auto list = app->api("GET", "/api/v1/reminders", admin).json()["data"];
    EXPECT_EQ(list[0]["last_level"], 1);
    EXPECT_EQ(list[0]["suggested_level"], 2);
    EXPECT_FALSE(list[0]["last_reminded_at"].is_null());
    EXPECT_TRUE(list[1]["last_level"].is_null());

    auto second = post_with_key("/api/v1/reminders", json{{"document_ids", {d31_60["id"]}}, {"level", 2}}, "", sales);
    ASSERT_EQ(second.status, 200) << second.body;
    auto third = post_with_key("/api/v1/reminders", json{{"document_ids", {d31_60["id"]}}, {"level", 3}}, "", admin);
    ASSERT_EQ(third.status, 200) << third.body;
    mails = received_for(address("jean"), 4);
    ASSERT_EQ(mails.size(), 4u);
    std::vector<std::string> subjects;
    for (const auto& m : mails) subjects.push_back(m.header("subject"));
    EXPECT_NE(std::find(subjects.begin(), subjects.end(), "Deuxième relance : facture " + number + " impayée"), subjects.end());
    EXPECT_NE(std::find(subjects.begin(), subjects.end(), "Dernière relance avant mise en demeure : facture " + number),
              subjects.end());
    for (const auto& m : mails)
        if (contains(m.header("subject"), "Dernière relance")) {
            EXPECT_TRUE(contains(m.text, "après 45 jours de retard")) << m.text;
            EXPECT_TRUE(contains(m.text, "40 €")) << m.text;
        }
    EXPECT_EQ(app->api("GET", "/api/v1/reminders", admin).json()["data"][2]["last_level"], 3);

    // A customised level-2 template is the one used.
    ASSERT_EQ(app->api("PUT", "/api/v1/mail/templates", admin,
                       json{{"templates", json::array({{{"key", "reminder_2"},
                                                        {"subject", "Relance {document_number} ({days_overdue} jours)"},
                                                        {"body", "Reste dû : {amount_due}"}}})}})
                  .status,
              200);
    ASSERT_EQ(post_with_key("/api/v1/reminders", json{{"document_ids", {over_90["id"]}}, {"level", 2}}, "", admin).status, 200);
    mails = received_for(address("jean"), 5);
    ASSERT_EQ(mails.size(), 5u);
    bool custom = false;
    for (const auto& m : mails)
        custom = custom || m.header("subject") == "Relance " + over_90["number"].get<std::string>() + " (100 jours)";
    EXPECT_TRUE(custom);

    // In the history: kind reminder, with its level.
    auto events = app->app().mail().history().client_events(*app->app().db().acquire(), company.id, client_id);
    ASSERT_EQ(events.size(), 5u);
    EXPECT_EQ(events[0].kind, "reminder");
    EXPECT_EQ(events[0].status, "sent");
    EXPECT_TRUE(contains(events[0].detail, "Relance niveau 1")) << events[0].detail;
    EXPECT_TRUE(contains(events[3].detail, "Relance niveau 3")) << events[3].detail;
    EXPECT_EQ(events[0].link, "/emails/" + std::to_string(results[0]["email"]["id"].get<std::int64_t>()));
}

TEST_P(Reminders, EveryInvoiceIsCheckedBeforeAnythingLeaves) {
    invoices();
    configure(closed_port());
    auto other_client = app->api("POST", "/api/v1/clients", admin, json{{"legal_name", "Sans adresse"}, {"siren", comptoir::testing::valid_siren("Sans adresse")}});
    auto silent = document("invoice", "10", days_from_today(-1), days_from_today(-1), true,
                           other_client.json()["id"].get<std::int64_t>());
    auto r = app->api("POST", "/api/v1/reminders", admin,
                      json{{"document_ids", {d1_30["id"], paid["id"], not_due["id"], 99999999, silent["id"]}}, {"level", 1}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(fields_of(r), (std::vector<std::string>{"document_ids[1]", "document_ids[2]", "document_ids[3]", "document_ids[4]"}));
    EXPECT_TRUE(contains(r.json()["errors"][0]["message_fr"], "soldée")) << r.body;
    EXPECT_TRUE(contains(r.json()["errors"][1]["message_fr"], "pas encore échue")) << r.body;
    EXPECT_TRUE(contains(r.json()["errors"][3]["message_fr"], "aucune adresse")) << r.body;
    EXPECT_EQ(count_sends(), 0);
    EXPECT_EQ(fields_of(app->api("POST", "/api/v1/reminders", admin, json{{"document_ids", {d1_30["id"]}}, {"level", 4}})),
              std::vector<std::string>{"level"});
    EXPECT_EQ(fields_of(app->api("POST", "/api/v1/reminders", admin, json{{"level", 1}})),
              std::vector<std::string>{"document_ids"});
    EXPECT_EQ(app->api("POST", "/api/v1/reminders", reader, json{{"document_ids", {d1_30["id"]}}, {"level", 1}}).status, 403);

    // The server is down: the first failure is recorded, the rest is not attempted.
    auto down = app->api("POST", "/api/v1/reminders", admin, json{{"document_ids", {d1_30["id"], over_90["id"]}}, {"level", 1}});
    ASSERT_EQ(down.status, 200) << down.body;
    EXPECT_EQ(down.json()["results"][0]["outcome"], "failed");
    EXPECT_EQ(down.json()["results"][0]["error"]["code"], "connect");
    EXPECT_EQ(down.json()["results"][1]["outcome"], "not_sent");
    EXPECT_TRUE(down.json()["results"][1]["email"].is_null());
    EXPECT_EQ(count_sends(), 1);
    // A failed reminder is not "the last reminder sent".
    EXPECT_TRUE(app->api("GET", "/api/v1/reminders", admin).json()["data"][3]["last_level"].is_null());
}

INSTANTIATE_TEST_SUITE_P(Backends, MailApi, ::testing::ValuesIn(comptoir::testing::backends()),
                         [](const auto& info) { return comptoir::testing::backend_name(info.param); });
INSTANTIATE_TEST_SUITE_P(Backends, Reminders, ::testing::ValuesIn(comptoir::testing::backends()),
                         [](const auto& info) { return comptoir::testing::backend_name(info.param); });

}  // namespace
}  // namespace comptoir::mail::testing
