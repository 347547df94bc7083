// The pure parts of mail: templates and their variables, addresses as people type them, the
// RFC 2047 / base64 / quoted-printable encodings, dates and ids of a message, reminder ages and
// levels, and how SMTP failures are named. Plus the SMTP adapter against servers that refuse or
// never answer (nothing listening, a silent socket): bounded, never hanging.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include <curl/curl.h>

#include "modules/mail/model/address.hpp"
#include "modules/mail/model/mail_send.hpp"
#include "modules/mail/model/mail_settings.hpp"
#include "modules/mail/model/mail_template.hpp"
#include "modules/mail/model/mime.hpp"
#include "modules/mail/model/reminder.hpp"
#include "modules/mail/smtp/smtp_client.hpp"

namespace comptoir::mail {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Variables sample_values() {
    return {{"client_name", "Boulangerie Martin"}, {"document_type", "facture"}, {"document_number", "FA-2026-00042"},
            {"issue_date", "02/11/2026"},          {"due_date", "02/12/2026"},   {"amount", "1 200,00 €"},
            {"amount_due", "700,00 €"},            {"days_overdue", "12"},       {"company_name", "Menuiserie Dupré"}};
}

// ---- Templates ----

TEST(MailTemplate, FillsEveryVariableAndKeepsOtherBraces) {
    auto out = render_template("Bonjour {client_name}, votre {document_type} {document_number} ({amount_due}) { pas une variable } {}",
                               sample_values(), "body");
    ASSERT_TRUE(out) << out.error().message_en;
    EXPECT_EQ(*out, "Bonjour Boulangerie Martin, votre facture FA-2026-00042 (700,00 €) { pas une variable } {}");
}

TEST(MailTemplate, RefusesAnUnknownVariableNamingTheFieldAndTheAllowedOnes) {
    auto out = render_template("Objet {numero} et {client_name} et {Montant}", sample_values(), "templates[3].subject");
    ASSERT_FALSE(out);
    ASSERT_EQ(out.error().fields.size(), 1u);
    const auto& issue = out.error().fields[0];
    EXPECT_EQ(issue.field, "templates[3].subject");
    EXPECT_EQ(issue.code, "template.unknown_variable");
    EXPECT_TRUE(contains(issue.message_fr, "{numero}")) << issue.message_fr;
    EXPECT_TRUE(contains(issue.message_fr, "{Montant}")) << issue.message_fr;
    EXPECT_TRUE(contains(issue.message_fr, "{amount_due}")) << issue.message_fr;  // the allowed list
    EXPECT_TRUE(contains(issue.message_en, "Unknown variables")) << issue.message_en;
}

TEST(MailTemplate, EveryDefaultRendersInBothLanguagesWithoutLeftovers) {
    for (const char* language : {"fr", "en"})
        for (auto key : kAllTemplateKeys) {
            const auto t = default_template(key, language);
            EXPECT_TRUE(check_template(t.subject, t.body, "").empty()) << to_code(key);
            auto subject = render_template(t.subject, sample_values(), "subject");
            auto body = render_template(t.body, sample_values(), "body");
            ASSERT_TRUE(subject && body) << to_code(key);
            EXPECT_FALSE(contains(*subject + *body, "{")) << to_code(key) << ": " << *body;
            EXPECT_TRUE(contains(*subject + *body, "FA-2026-00042")) << to_code(key);
            EXPECT_TRUE(contains(*body, "Menuiserie Dupré")) << to_code(key);
        }
}

TEST(MailTemplate, DefaultsSpeakOfWhatTheyAreAbout) {
    EXPECT_TRUE(contains(default_template(TemplateKey::Invoice, "fr").body, "payable au plus tard le {due_date}"));
    EXPECT_TRUE(contains(default_template(TemplateKey::Quote, "fr").subject, "Devis"));
    EXPECT_TRUE(contains(default_template(TemplateKey::Reminder1, "fr").body, "{amount_due}"));
    EXPECT_TRUE(contains(default_template(TemplateKey::Reminder2, "fr").body, "{days_overdue}"));
    EXPECT_TRUE(contains(default_template(TemplateKey::Reminder3, "fr").body, "40 €"));
    EXPECT_TRUE(contains(default_template(TemplateKey::Reminder3, "en").subject, "Final reminder"));
    EXPECT_EQ(template_for(sales::DocumentType::DepositInvoice), TemplateKey::DepositInvoice);
    EXPECT_EQ(reminder_template(2), TemplateKey::Reminder2);
    EXPECT_EQ(parse_template_key("reminder_3"), TemplateKey::Reminder3);
    EXPECT_FALSE(parse_template_key("reminder_4"));
}

TEST(MailTemplate, ChecksNameEachWrongField) {
    auto issues = check_template("", "", "templates[0].");
    ASSERT_EQ(issues.size(), 2u);
    EXPECT_EQ(issues[0].field, "templates[0].subject");
    EXPECT_EQ(issues[1].field, "templates[0].body");
    issues = check_template("Deux\nlignes", "Bonjour {nom}", "");
    ASSERT_EQ(issues.size(), 2u);
    EXPECT_EQ(issues[0].code, "subject.one_line");
    EXPECT_EQ(issues[1].code, "template.unknown_variable");
    EXPECT_EQ(check_template(std::string(201, 'a'), "x", "")[0].code, "too_long");
    EXPECT_TRUE(check_template(std::string(200, 'a'), "x", "").empty());
    EXPECT_EQ(check_template("ok", "bad \xC3", "")[0].code, "text.utf8");
}

// ---- Addresses ----

TEST(Address, SplitsWhatPeopleTypeOrPaste) {
    EXPECT_EQ(split_addresses("a@x.fr, b@y.fr;c@z.fr\nd@w.fr  e@v.fr"),
              (std::vector<std::string>{"a@x.fr", "b@y.fr", "c@z.fr", "d@w.fr", "e@v.fr"}));
    EXPECT_EQ(split_addresses("Jean Dupont <Jean.Dupont@Exemple.fr>, compta@exemple.fr"),
              (std::vector<std::string>{"Jean.Dupont@Exemple.fr", "compta@exemple.fr"}));
    EXPECT_TRUE(split_addresses("  , ;\n ").empty());
}

TEST(Address, ChecksEachAddressNamingItsPlace) {
    std::vector<FieldIssue> issues;
    auto out = check_address_list({"Contact@Client.FR", "pas-une-adresse", "contact@client.fr", "élise@café.fr"},
                                  "recipients", true, 50, issues);
    EXPECT_EQ(out, (std::vector<std::string>{"contact@client.fr"}));  // normalised, duplicates dropped
    ASSERT_EQ(issues.size(), 2u);
    EXPECT_EQ(issues[0].field, "recipients[1]");
    EXPECT_EQ(issues[0].code, "email.invalid");
    EXPECT_TRUE(contains(issues[0].message_fr, "pas-une-adresse"));
    EXPECT_EQ(issues[1].field, "recipients[3]");
    EXPECT_EQ(issues[1].code, "email.not_ascii");
    issues.clear();
    check_address_list({}, "recipients", true, 50, issues);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].field, "recipients");
    issues.clear();
    EXPECT_TRUE(check_address_list({}, "cc", false, 50, issues).empty());
    EXPECT_TRUE(issues.empty());
    check_address_list(std::vector<std::string>(51, "a@b.fr"), "cc", false, 50, issues);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].code, "too_many");
}

TEST(MailSettings, ChecksAndNormalises) {
    MailSettings s;
    s.host = "  smtp.exemple.fr ";
    s.port = 587;
    s.from_address = "Factures@Exemple.FR";
    s.reply_to = "compta@exemple.fr";
    EXPECT_TRUE(check_settings(s).empty());
    EXPECT_EQ(s.host, "smtp.exemple.fr");
    EXPECT_EQ(s.from_address, "factures@exemple.fr");
    MailSettings bad;
    bad.host = "smtp exemple/fr";
    bad.port = 70000;
    bad.from_address = "";
    bad.reply_to = "x@";
    bad.username = "a\nb";
    bad.language = "de";
    std::vector<std::string> fields;
    for (const auto& i : check_settings(bad)) fields.push_back(i.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"host", "port", "username", "from_address", "reply_to", "language"}));
}

// ---- Encodings ----

TEST(Mime, LeavesPlainAsciiAndEncodesTheRest) {
    EXPECT_EQ(encode_header_text("Invoice FA-2026-00042"), "Invoice FA-2026-00042");
    EXPECT_EQ(encode_header_text("é"), "=?UTF-8?B?w6k=?=");
    EXPECT_EQ(encode_header_text("a =?x?= b").substr(0, 10), "=?UTF-8?B?");  // would read as a word: encoded
}

TEST(Mime, LongSubjectsFoldIntoShortWordsNeverSplittingACharacter) {
    const std::string subject = "Facture FA-2026-00042 — échéance dépassée : règlement à réception, merci de votre compréhension €€€";
    const std::string encoded = encode_header_text(subject);
    std::size_t start = 0;
    while (start < encoded.size()) {
        auto end = encoded.find("\r\n ", start);
        const std::string word = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
        EXPECT_LE(word.size(), 75u) << word;
        EXPECT_EQ(word.substr(0, 10), "=?UTF-8?B?");
        // Each word decodes alone to valid UTF-8: no character is cut in two.
        const std::string text = base64_decode(word.substr(10, word.size() - 12));
        EXPECT_TRUE(text.empty() || (static_cast<unsigned char>(text[0]) & 0xC0) != 0x80) << word;
        if (end == std::string::npos) break;
        start = end + 3;
    }
    EXPECT_GT(encoded.find("\r\n "), 0u);
    EXPECT_EQ(decode_header_text(encoded), subject);
}

TEST(Mime, DecodesWordsFromOtherMailers) {
    EXPECT_EQ(decode_header_text("=?utf-8?q?Caf=C3=A9_cr=C3=A8me?="), "Café crème");
    EXPECT_EQ(decode_header_text("=?ISO-8859-1?Q?caf=E9?= au lait"), "café au lait");
    EXPECT_EQ(decode_header_text("=?UTF-8?B?w6k=?= =?UTF-8?B?w6k=?="), "éé");  // space between words dropped
    EXPECT_EQ(decode_header_text("plain text"), "plain text");
}

TEST(Mime, MailboxesQuoteOrEncodeTheirNames) {
    EXPECT_EQ(format_mailbox("", "a@b.fr"), "a@b.fr");
    EXPECT_EQ(format_mailbox("Acme, \"Paris\"", "a@b.fr"), "\"Acme, \\\"Paris\\\"\" <a@b.fr>");
    EXPECT_EQ(format_mailbox("Menuiserie Dupré", "a@b.fr"), encode_header_text("Menuiserie Dupré") + " <a@b.fr>");
    EXPECT_EQ(decode_header_text(format_mailbox("Menuiserie Dupré", "a@b.fr")), "Menuiserie Dupré <a@b.fr>");
}

TEST(Mime, Base64AndQuotedPrintableRoundTrip) {
    for (const std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "%PDF-1.7\n\x00\xff"})
        EXPECT_EQ(base64_decode(base64_encode(s)), s);
    EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
    bool ok = true;
    base64_decode("Zm9v!", &ok);
    EXPECT_FALSE(ok);
    EXPECT_EQ(quoted_printable_decode("Caf=C3=A9 =\r\nau lait=3D"), "Café au lait=");
}

TEST(Mime, DateMessageIdAndFileName) {
    using namespace std::chrono;
    const TimePoint t = sys_days{year{2026} / November / 26} + hours{15} + minutes{4} + seconds{5};
    EXPECT_EQ(rfc5322_date(t), "Thu, 26 Nov 2026 15:04:05 +0000");
    EXPECT_EQ(make_message_id("abc", "factures@exemple.fr"), "<abc@exemple.fr>");
    EXPECT_EQ(make_message_id("abc", "nobody"), "<abc@localhost>");
    EXPECT_EQ(safe_filename("FA-2026-00042.pdf"), "FA-2026-00042.pdf");
    EXPECT_EQ(safe_filename("F 2026/é.pdf"), "F-2026---.pdf");
    EXPECT_EQ(safe_filename(".pdf").empty(), false);
    EXPECT_EQ(safe_filename(""), "document.pdf");
}

// ---- Reminders ----

TEST(Reminder, AgesAndLevels) {
    EXPECT_EQ(days_overdue("2026-11-01", "2026-11-26"), 25);
    EXPECT_EQ(days_overdue("2026-11-26", "2026-11-26"), 0);
    EXPECT_EQ(days_overdue("2026-12-01", "2026-11-26"), 0);
    EXPECT_EQ(days_overdue("", "2026-11-26"), 0);
    EXPECT_EQ(days_overdue("2025-12-31", "2026-03-01"), 60);
    EXPECT_EQ(age_bucket(0), "");
    EXPECT_EQ(age_bucket(1), "1_30");
    EXPECT_EQ(age_bucket(30), "1_30");
    EXPECT_EQ(age_bucket(31), "31_60");
    EXPECT_EQ(age_bucket(60), "31_60");
    EXPECT_EQ(age_bucket(61), "61_90");
    EXPECT_EQ(age_bucket(90), "61_90");
    EXPECT_EQ(age_bucket(91), "over_90");
    EXPECT_EQ(suggested_level(0), 1);
    EXPECT_EQ(suggested_level(1), 2);
    EXPECT_EQ(suggested_level(2), 3);
    EXPECT_EQ(suggested_level(3), 3);
    EXPECT_FALSE(valid_level(0));
    EXPECT_TRUE(valid_level(3));
    EXPECT_FALSE(valid_level(4));
}

// ---- SMTP failures ----

TEST(Smtp, NamesWhatWentWrong) {
    EXPECT_EQ(classify_failure(CURLE_SEND_ERROR, "RCPT failed: 550"), "recipient_refused");
    EXPECT_EQ(classify_failure(CURLE_SEND_ERROR, "MAIL failed: 553"), "sender_refused");
    EXPECT_EQ(classify_failure(CURLE_COULDNT_CONNECT, ""), "connect");
    EXPECT_EQ(classify_failure(CURLE_COULDNT_RESOLVE_HOST, ""), "resolve");
    EXPECT_EQ(classify_failure(CURLE_OPERATION_TIMEDOUT, ""), "timeout");
    EXPECT_EQ(classify_failure(CURLE_LOGIN_DENIED, "Login denied"), "auth");
    EXPECT_EQ(classify_failure(CURLE_USE_SSL_FAILED, "STARTTLS not supported."), "tls");
    EXPECT_EQ(classify_failure(CURLE_RECV_ERROR, ""), "server");
    EXPECT_FALSE(failure_message("recipient_refused", "fr").empty());
    EXPECT_NE(failure_message("auth", "fr"), failure_message("auth", "en"));
    EXPECT_EQ(failure_message("nonsense", "fr"), failure_message("server", "fr"));
}

TEST(Smtp, HeadersCarryEncodedSubjectAndNamesButNeverTheBlindCopy) {
    OutgoingMail m;
    m.from_address = "factures@exemple.fr";
    m.from_name = "Menuiserie Dupré";
    m.to = {"a@client.fr", "b@client.fr"};
    m.cc = {"c@client.fr"};
    m.bcc = {"secret@exemple.fr"};
    m.reply_to = "compta@exemple.fr";
    m.subject = "Facture n° 42";
    m.message_id = "<x@exemple.fr>";
    m.date = TimePoint{};
    std::string all;
    for (const auto& l : header_lines(m)) all += l + "\n";
    EXPECT_TRUE(contains(all, "To: a@client.fr,\r\n b@client.fr\n"));
    EXPECT_TRUE(contains(all, "Cc: c@client.fr\n"));
    EXPECT_TRUE(contains(all, "Reply-To: compta@exemple.fr\n"));
    EXPECT_TRUE(contains(all, "Subject: =?UTF-8?B?"));
    EXPECT_TRUE(contains(all, "Message-ID: <x@exemple.fr>\n"));
    EXPECT_TRUE(contains(all, "Date: Thu, 01 Jan 1970 00:00:00 +0000\n"));
    EXPECT_FALSE(contains(all, "secret"));
}

// A port nobody listens on: refused at once, reported as "connect".
TEST(Smtp, ServerDownIsAFailureNotAHang) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);  // the port is now closed
    SmtpServer server{"127.0.0.1", ntohs(addr.sin_port), Security::None, "", "", 2, 5};
    OutgoingMail m;
    m.from_address = "a@b.fr";
    m.to = {"c@d.fr"};
    m.subject = "x";
    m.body = "y";
    m.message_id = "<1@b.fr>";
    auto outcome = send_mail(server, m);
    EXPECT_FALSE(outcome.sent);
    EXPECT_EQ(outcome.error_code, "connect") << outcome.error_detail;
}

// A server that accepts the connection and never says a word: the total timeout ends the attempt.
TEST(Smtp, SilentServerTimesOut) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::listen(fd, 4), 0);  // the kernel completes the handshake; nobody answers
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    SmtpServer server{"127.0.0.1", ntohs(addr.sin_port), Security::None, "", "", 1, 2};
    OutgoingMail m;
    m.from_address = "a@b.fr";
    m.to = {"c@d.fr"};
    m.subject = "x";
    m.body = "y";
    m.message_id = "<1@b.fr>";
    const auto start = std::chrono::steady_clock::now();
    auto outcome = send_mail(server, m);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    ::close(fd);
    EXPECT_FALSE(outcome.sent);
    EXPECT_EQ(outcome.error_code, "timeout") << outcome.error_detail;
    EXPECT_LT(elapsed, std::chrono::seconds(6));
}

}  // namespace
}  // namespace comptoir::mail
