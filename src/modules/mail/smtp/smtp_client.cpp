#include "modules/mail/smtp/smtp_client.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "modules/mail/model/mime.hpp"

namespace comptoir::mail {
namespace {

struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

struct EasyDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct MimeDeleter {
    void operator()(curl_mime* m) const { curl_mime_free(m); }
};

bool append(Slist& list, const std::string& line) {
    curl_slist* next = curl_slist_append(list.get(), line.c_str());
    if (!next) return false;
    list.release();
    list.reset(next);
    return true;
}

// "a@x.fr,\r\n b@y.fr": one address per line, so no header line grows past the limits.
std::string address_list(const std::vector<std::string>& addresses) {
    std::string out;
    for (const auto& a : addresses) out += (out.empty() ? "" : ",\r\n ") + a;
    return out;
}

std::string crlf(const std::string& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 40);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += "\r\n";
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (text[i] == '\n') {
            out += "\r\n";
        } else {
            out += text[i];
        }
    }
    return out;
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

std::vector<std::string> header_lines(const OutgoingMail& mail) {
    std::vector<std::string> lines;
    lines.push_back("Date: " + rfc5322_date(mail.date));
    lines.push_back("Message-ID: " + mail.message_id);
    lines.push_back("From: " + format_mailbox(mail.from_name, mail.from_address));
    lines.push_back("To: " + address_list(mail.to));
    if (!mail.cc.empty()) lines.push_back("Cc: " + address_list(mail.cc));
    if (!mail.reply_to.empty()) lines.push_back("Reply-To: " + mail.reply_to);
    lines.push_back("Subject: " + encode_header_text(mail.subject));
    return lines;
}

std::string classify_failure(int curl_code, const std::string& error_text) {
    if (starts_with(error_text, "RCPT failed")) return "recipient_refused";
    if (starts_with(error_text, "MAIL failed")) return "sender_refused";
    switch (static_cast<CURLcode>(curl_code)) {
        case CURLE_COULDNT_CONNECT:
        case CURLE_GOT_NOTHING:
            return "connect";
        case CURLE_COULDNT_RESOLVE_HOST:
            return "resolve";
        case CURLE_OPERATION_TIMEDOUT:
            return "timeout";
        case CURLE_USE_SSL_FAILED:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
            return "tls";
        case CURLE_LOGIN_DENIED:
        case CURLE_AUTH_ERROR:
            return "auth";
        case CURLE_WEIRD_SERVER_REPLY:
            return "message_refused";
        default:
            return "server";
    }
}

SmtpOutcome send_mail(const SmtpServer& server, const OutgoingMail& mail) {
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

    std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
    if (!curl) return {false, "server", "curl_easy_init failed"};
    CURL* c = curl.get();

    std::string host = server.host;
    if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";  // IPv6 literal
    const std::string url =
        std::string(server.security == Security::Tls ? "smtps://" : "smtp://") + host + ":" + std::to_string(server.port);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_USE_SSL, server.security == Security::None ? static_cast<long>(CURLUSESSL_NONE)
                                                                            : static_cast<long>(CURLUSESSL_ALL));
    if (!server.username.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, server.username.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, server.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, server.connect_timeout_seconds);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, server.total_timeout_seconds);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    char error_text[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);

    const std::string from = "<" + mail.from_address + ">";
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    Slist recipients;
    for (const auto* list : {&mail.to, &mail.cc, &mail.bcc})
        for (const auto& a : *list)
            if (!append(recipients, "<" + a + ">")) return {false, "server", "out of memory"};
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());

    Slist headers;
    for (const auto& line : header_lines(mail))
        if (!append(headers, line)) return {false, "server", "out of memory"};
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

    std::unique_ptr<curl_mime, MimeDeleter> mime(curl_mime_init(c));
    const std::string body = crlf(mail.body);
    curl_mimepart* text = curl_mime_addpart(mime.get());
    curl_mime_data(text, body.data(), body.size());
    curl_mime_type(text, "text/plain; charset=UTF-8");
    curl_mime_encoder(text, "quoted-printable");
    if (mail.attachment) {
        curl_mimepart* file = curl_mime_addpart(mime.get());
        curl_mime_data(file, mail.attachment->bytes.data(), mail.attachment->bytes.size());
        curl_mime_type(file, mail.attachment->content_type.c_str());
        curl_mime_filename(file, mail.attachment->filename.c_str());
        curl_mime_encoder(file, "base64");
    }
    curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());

    const CURLcode result = curl_easy_perform(c);
    if (result == CURLE_OK) return {true, "", ""};
    std::string detail = error_text[0] ? std::string(error_text) : std::string(curl_easy_strerror(result));
    return {false, classify_failure(static_cast<int>(result), detail), detail};
}

}  // namespace comptoir::mail
