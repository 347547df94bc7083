// What the mail tests share: reading what the test SMTP sink received (scripts/smtp_sink.py saves
// each message as COMPTOIR_TEST_SMTP_DIR/mail/*.eml, with X-Envelope-From/To first), and a company
// with a client, its contacts and issued invoices. Tests run in parallel against one sink: each
// finds its messages by a token in the recipients, never by counting the whole mailbox.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "modules/mail/model/mime.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::mail::testing {

using comptoir::testing::Backend;
using comptoir::testing::HttpResponse;
using comptoir::testing::TestApp;
using comptoir::testing::TestCompany;
using nlohmann::json;

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

inline bool smtp_available() {
    const char* port = std::getenv("COMPTOIR_TEST_SMTP_PORT");
    const char* dir = std::getenv("COMPTOIR_TEST_SMTP_DIR");
    return port && *port && dir && *dir;
}
inline int smtp_port() { return std::atoi(std::getenv("COMPTOIR_TEST_SMTP_PORT")); }

#define SKIP_UNLESS_SMTP()                                                                                     \
    if (!::comptoir::mail::testing::smtp_available())                                                          \
    GTEST_SKIP() << "needs the SMTP sink: COMPTOIR_TEST_SMTP_PORT and COMPTOIR_TEST_SMTP_DIR (make test starts it)"

// One message as the sink saved it, headers decoded (RFC 2047) and unfolded, the MIME parts decoded.
struct Received {
    std::string raw;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string text;                            // the text/plain part, decoded, line ends as sent (CRLF)
    std::string text_content_type;
    std::string attachment_name, attachment_type, attachment;  // decoded bytes
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

inline std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Headers of one block: unfolded; raw values kept (decoding is the caller's choice).
inline std::map<std::string, std::string> parse_headers(const std::string& block) {
    std::map<std::string, std::string> out;
    std::string current;
    std::istringstream in(block);
    std::string line;
    std::vector<std::string> lines;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !lines.empty()) lines.back() += "\r\n" + line;
        else lines.push_back(line);
    }
    for (const auto& l : lines) {
        auto colon = l.find(':');
        if (colon == std::string::npos) continue;
        std::string value = l.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(value.begin());
        out[lower(l.substr(0, colon))] = value;
    }
    return out;
}

inline std::pair<std::string, std::string> split_head_body(const std::string& s) {
    auto pos = s.find("\r\n\r\n");
    if (pos != std::string::npos) return {s.substr(0, pos), s.substr(pos + 4)};
    pos = s.find("\n\n");
    if (pos != std::string::npos) return {s.substr(0, pos), s.substr(pos + 2)};
    return {s, ""};
}

inline std::string param_of(const std::string& header, const std::string& name) {
    auto pos = lower(header).find(name + "=");
    if (pos == std::string::npos) return {};
    std::string v = header.substr(pos + name.size() + 1);
    if (!v.empty() && v.front() == '"') {
        v.erase(v.begin());
        return v.substr(0, v.find('"'));
    }
    return v.substr(0, v.find_first_of("; \r\n"));
}

inline std::string decode_part(const std::map<std::string, std::string>& headers, const std::string& body) {
    const std::string encoding = headers.count("content-transfer-encoding") ? lower(headers.at("content-transfer-encoding")) : "";
    if (encoding == "base64") return base64_decode(body);
    if (encoding == "quoted-printable") return quoted_printable_decode(body);
    return body;
}

inline Received parse_message(const std::string& raw) {
    Received r;
    r.raw = raw;
    auto [head, body] = split_head_body(raw);
    auto headers = parse_headers(head);
    for (auto& [k, v] : headers) r.headers[k] = decode_header_text(v);
    const std::string boundary = param_of(headers["content-type"], "boundary");
    if (boundary.empty()) {
        r.text = decode_part(headers, body);
        return r;
    }
    std::size_t pos = 0;
    const std::string marker = "--" + boundary;
    while ((pos = body.find(marker, pos)) != std::string::npos) {
        pos += marker.size();
        if (body.compare(pos, 2, "--") == 0) break;
        auto end = body.find(marker, pos);
        if (end == std::string::npos) break;
        std::string part = body.substr(pos, end - pos);
        while (!part.empty() && (part.front() == '\r' || part.front() == '\n')) part.erase(part.begin());
        if (part.size() >= 2 && part.compare(part.size() - 2, 2, "\r\n") == 0) part.resize(part.size() - 2);
        auto [phead, pbody] = split_head_body(part);
        auto ph = parse_headers(phead);
        const std::string type = lower(ph["content-type"]);
        if (type.rfind("text/plain", 0) == 0 && r.text_content_type.empty()) {
            r.text_content_type = ph["content-type"];
            r.text = decode_part(ph, pbody);
        } else {
            r.attachment_type = ph["content-type"].substr(0, ph["content-type"].find(';'));
            r.attachment_name = param_of(ph["content-disposition"], "filename");
            if (r.attachment_name.empty()) r.attachment_name = param_of(ph["content-type"], "name");
            r.attachment = decode_part(ph, pbody);
        }
        pos = end;
    }
    return r;
}

// Every message whose envelope recipients mention `token`, waiting up to `timeout` for at least
// `at_least` of them (the sink writes each file atomically, once the SMTP transaction ends).
inline std::vector<Received> received_for(const std::string& token, std::size_t at_least = 1,
                                          std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    const auto dir = std::filesystem::path(std::getenv("COMPTOIR_TEST_SMTP_DIR")) / "mail";
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::vector<Received> out;
    for (;;) {
        out.clear();
        std::vector<std::filesystem::path> files;
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
            if (entry.path().extension() == ".eml") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            std::ifstream in(f, std::ios::binary);
            std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            auto [head, body] = split_head_body(raw);
            if (contains(parse_headers(head)["x-envelope-to"], token)) out.push_back(parse_message(raw));
        }
        if (out.size() >= at_least || std::chrono::steady_clock::now() > deadline) return out;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

// A port nobody listens on.
inline int closed_port() {
    // The sink's port + a large odd offset is very unlikely to be used; bind-and-close is surer.
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

inline std::string days_from_today(int days) {
    const std::string today = today_paris();
    std::chrono::year_month_day ymd{std::chrono::year{std::stoi(today.substr(0, 4))},
                                    std::chrono::month{static_cast<unsigned>(std::stoi(today.substr(5, 2)))},
                                    std::chrono::day{static_cast<unsigned>(std::stoi(today.substr(8, 2)))}};
    std::chrono::year_month_day d{std::chrono::sys_days{ymd} + std::chrono::days{days}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}

// A company ("Menuiserie Dupré") with its users, one client with contacts, and helpers for invoices.
class MailFixture : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        token = lower(random_token(9));
        for (auto& c : token)
            if (!std::isalnum(static_cast<unsigned char>(c))) c = 'x';
        app = std::make_unique<TestApp>(GetParam());
        company = app->create_company("Menuiserie Dupré", "admin-" + token + "@dupre.test");
        app->identify_company(company);
        admin = company.admin_token;
        sales = app->add_user(company, "vente-" + token + "@dupre.test", "sales");
        accountant = app->add_user(company, "compta-" + token + "@dupre.test", "accountant");
        reader = app->add_user(company, "lecture-" + token + "@dupre.test", "read_only");
        auto c = app->api("POST", "/api/v1/clients", admin,
                          json{{"legal_name", "Boulangerie Müller"},
                               {"siren", comptoir::testing::valid_siren("Boulangerie Müller " + token)},
                               {"payment_terms", "30d"},
                               {"email", "accueil-" + token + "@client.test"},
                               {"contacts", json::array({{{"first_name", "Jean"},
                                                          {"last_name", "Martin"},
                                                          {"role", "Gérant"},
                                                          {"is_primary", true},
                                                          {"emails", {"jean-" + token + "@client.test"}}},
                                                         {{"last_name", "Compta"},
                                                          {"emails", {"compta-" + token + "@client.test"}}}})}});
        ASSERT_EQ(c.status, 201) << c.body;
        client_id = c.json()["id"].get<std::int64_t>();
    }

    std::string address(const std::string& who) const { return who + "-" + token + "@client.test"; }

    // Settings pointing at the test sink (or at `port`).
    void configure(int port = 0, json extra = json::object()) {
        json body = {{"host", "127.0.0.1"},
                     {"port", port ? port : smtp_port()},
                     {"security", "none"},
                     {"from_address", "factures-" + token + "@dupre.test"},
                     {"from_name", "Menuiserie Dupré"},
                     {"language", "fr"}};
        for (auto it = extra.begin(); it != extra.end(); ++it) body[it.key()] = it.value();
        auto r = app->api("PUT", "/api/v1/mail/settings", admin, body);
        ASSERT_EQ(r.status, 200) << r.body;
    }

    json document(const std::string& type, const std::string& excl_vat, const std::string& issue_date = "",
                  const std::string& due_date = "", bool validate = true, std::int64_t for_client = 0) {
        json body = {{"type", type},
                     {"client_id", for_client ? for_client : client_id},
                     {"lines", json::array({{{"description", "Pose d'une porte"}, {"quantity", "1"}, {"unit_price", excl_vat},
                                             {"vat_rate", "20"}}})}};
        if (!issue_date.empty()) body["issue_date"] = issue_date;
        if (!due_date.empty()) body["due_date"] = due_date;
        auto d = app->api("POST", "/api/v1/documents", admin, body);
        EXPECT_EQ(d.status, 201) << d.body;
        if (!validate) return d.json();
        auto v = app->api("POST", "/api/v1/documents/" + std::to_string(d.json()["id"].get<std::int64_t>()) + "/validate",
                          admin, json::object());
        EXPECT_EQ(v.status, 200) << v.body;
        return v.json();
    }

    static std::string id_of(const json& j) { return std::to_string(j["id"].get<std::int64_t>()); }

    HttpResponse send(const json& doc, const json& body, const std::string& token_ = "", const std::string& key = "") {
        std::map<std::string, std::string> headers{{"Authorization", "Bearer " + (token_.empty() ? admin : token_)},
                                                   {"Content-Type", "application/json"}};
        if (!key.empty()) headers["Idempotency-Key"] = key;
        return app->raw("POST", "/api/v1/documents/" + id_of(doc) + "/emails", body.dump(), headers);
    }

    HttpResponse post_with_key(const std::string& path, const json& body, const std::string& key,
                               const std::string& bearer = "") {
        std::map<std::string, std::string> headers{{"Authorization", "Bearer " + (bearer.empty() ? admin : bearer)},
                                                   {"Content-Type", "application/json"}};
        if (!key.empty()) headers["Idempotency-Key"] = key;
        return app->raw("POST", path, body.dump(), headers);
    }

    std::int64_t count_sends() {
        auto conn = app->app().db().acquire();
        return conn->query_one("SELECT COUNT(*) FROM mail_sends WHERE company_id = ?", {company.id})->int64(0);
    }

    std::unique_ptr<TestApp> app;
    TestCompany company;
    std::string token, admin, sales, accountant, reader;
    std::int64_t client_id = 0;
};

}  // namespace comptoir::mail::testing
