#include "tests/support/test_app.hpp"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <stdexcept>
#include <unistd.h>

#include "core/crypto.hpp"
#include "http/form_fields.hpp"

namespace comptoir::testing {
namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

HttpResponse convert(const httplib::Result& r) {
    if (!r) throw std::runtime_error("HTTP request failed: " + httplib::to_string(r.error()));
    HttpResponse out;
    out.status = r->status;
    out.body = r->body;
    for (const auto& [k, v] : r->headers) {
        auto key = lower(k);
        if (key == "set-cookie" && out.headers.contains(key)) out.headers[key] += "\n" + v;
        else out.headers[key] = v;
    }
    return out;
}

HttpResponse send_request(int port, const std::string& method, const std::string& path, const std::string& body,
                          const std::map<std::string, std::string>& headers) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(60);
    httplib::Headers h;
    std::string content_type = "application/octet-stream";
    for (const auto& [k, v] : headers) {
        if (lower(k) == "content-type") content_type = v;
        else h.emplace(k, v);
    }
    if (method == "GET") return convert(client.Get(path, h));
    if (method == "DELETE") return convert(client.Delete(path, h, body, content_type));
    if (method == "POST") return convert(client.Post(path, h, body, content_type));
    if (method == "PUT") return convert(client.Put(path, h, body, content_type));
    if (method == "PATCH") return convert(client.Patch(path, h, body, content_type));
    throw std::runtime_error("unsupported method " + method);
}

std::string pg_url_with_schema(const std::string& url, const std::string& schema) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

}  // namespace

std::string backend_name(Backend b) { return b == Backend::Sqlite ? "sqlite" : "postgres"; }

std::vector<Backend> backends() { return {Backend::Sqlite, Backend::Postgres}; }

bool postgres_available() {
    const char* url = std::getenv("COMPTOIR_TEST_PG_URL");
    return url && *url;
}

nlohmann::json HttpResponse::json() const { return nlohmann::json::parse(body, nullptr, false); }

std::string HttpResponse::header(const std::string& name) const {
    auto it = headers.find(lower(name));
    return it == headers.end() ? std::string() : it->second;
}

TestApp::TestApp(Backend backend) : backend_(backend) {
    static std::atomic<int> counter{0};
    std::string unique = std::to_string(::getpid()) + "_" + std::to_string(counter++);
    temp_dir_ = (std::filesystem::temp_directory_path() / ("comptoir_test_" + unique)).string();
    std::filesystem::remove_all(temp_dir_);
    std::filesystem::create_directories(temp_dir_);

    AppConfig config;
    config.data_dir = temp_dir_;
    config.server.host = "127.0.0.1";
    config.server.threads = 16;
    // The test clients connect from 127.0.0.1: trusting it as a proxy lets tests play clients behind
    // one (X-Forwarded-For); requests without that header are unaffected.
    config.server.trusted_proxies = {"127.0.0.1"};
    config.pool_size = 8;
    if (backend == Backend::Postgres) {
        const char* url = std::getenv("COMPTOIR_TEST_PG_URL");
        if (!url) throw std::runtime_error("COMPTOIR_TEST_PG_URL is not set");
        // Each test gets its own schema, so tests can run in parallel against one cluster.
        pg_schema_ = "t_" + unique + "_" + sha256_hex(temp_dir_).substr(0, 6);
        auto admin = store::open_database(url, 1);
        admin->acquire()->execute_script("DROP SCHEMA IF EXISTS " + pg_schema_ + " CASCADE; CREATE SCHEMA " + pg_schema_);
        config.database_url = pg_url_with_schema(url, pg_schema_);
    }
    config_ = config;
    start();
}

void TestApp::start() {
    app_ = std::make_unique<App>(config_);
    auto& web = app_->web();
    port_ = web.bind_any_port();
    if (port_ <= 0) throw std::runtime_error("cannot bind a port");
    thread_ = std::thread([&web] { web.listen_after_bind(); });
}

void TestApp::stop() {
    app_->web().stop();
    if (thread_.joinable()) thread_.join();
    app_.reset();
}

void TestApp::restart(const std::function<void(store::Connection&)>& while_stopped) {
    stop();
    if (while_stopped) {
        const std::string url = config_.database_url.empty() ? default_database_url(config_.data_dir) : config_.database_url;
        auto db = store::open_database(url, 1);
        while_stopped(*db->acquire());
    }
    start();
}

TestApp::~TestApp() {
    stop();
    if (backend_ == Backend::Postgres) {
        try {
            auto admin = store::open_database(std::getenv("COMPTOIR_TEST_PG_URL"), 1);
            admin->acquire()->execute_script("DROP SCHEMA IF EXISTS " + pg_schema_ + " CASCADE");
        } catch (...) {
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
}

TestCompany TestApp::create_company(const std::string& name, const std::string& admin_email) {
    identity::InitInput input;
    input.company_name = name;
    input.admin_email = admin_email;
    input.admin_name = "Admin " + name;
    input.admin_password = "admin password 123";
    auto result = app_->identity().initialize(input);
    if (!result) throw std::runtime_error("initialize failed: " + result.error().message_en);
    TestCompany company{result->company_id, admin_email, *input.admin_password, ""};
    auto token = app_->identity().create_token(admin_email, "tests");
    if (!token) throw std::runtime_error("token failed: " + token.error().message_en);
    company.admin_token = *token;
    return company;
}

void TestApp::identify_company(const TestCompany& company) {
    auto r = api("PATCH", "/api/v1/company", company.admin_token,
                 nlohmann::json{{"legal_form", "SARL"}, {"siren", "443 061 841"}, {"siret", "443 061 841 00047"},
                                {"vat_number", "FR64443061841"}, {"rcs_city", "Lyon"},
                                {"address_line1", "12 rue de la République"}, {"postal_code", "69002"},
                                {"city", "Lyon"}, {"country", "FR"}, {"iban", "FR76 3000 6000 0112 3456 7890 189"},
                                {"bic", "BNPAFRPP"}});
    if (r.status != 200) throw std::runtime_error("identify_company failed: " + r.body);
}

std::string valid_siren(const std::string& seed) {
    // FNV-1a of the seed gives 8 digits; the 9th is the Luhn key, as INSEE computes it.
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : seed) h = (h ^ c) * 1099511628211ull;
    std::string digits = std::to_string(10000000 + h % 90000000);
    for (int key = 0; key <= 9; ++key) {
        std::string candidate = digits + char('0' + key);
        int sum = 0;
        for (std::size_t i = 0; i < candidate.size(); ++i) {
            int d = candidate[candidate.size() - 1 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        if (sum % 10 == 0) return candidate;
    }
    return digits + "0";  // not reached: one key in ten always fits
}

std::string TestApp::add_user(const TestCompany& company, const std::string& email, const std::string& role,
                              const std::string& password) {
    identity::AddUserInput input;
    input.company_id = company.id;
    input.email = email;
    input.name = email.substr(0, email.find('@'));
    input.role = role_from_code(role).value();
    input.password = password;
    auto result = app_->identity().add_user(input);
    if (!result) throw std::runtime_error("add_user failed: " + result.error().message_en);
    auto token = app_->identity().create_token(email, "tests");
    if (!token) throw std::runtime_error("token failed: " + token.error().message_en);
    return *token;
}

std::vector<std::string> TestApp::searched_names(const std::string& token, const std::string& q) {
    auto r = api("GET", "/api/v1/clients?limit=200&q=" + http::url_encode(q), token);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const nlohmann::json body = r.json();
    if (body.contains("data"))
        for (const auto& item : body["data"]) out.push_back(item["display_name"]);
    std::sort(out.begin(), out.end());
    return out;
}

HttpResponse TestApp::api(const std::string& method, const std::string& path, const std::string& token,
                          const std::optional<nlohmann::json>& body) {
    std::map<std::string, std::string> headers{{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return send_request(port_, method, path, body ? body->dump() : std::string(), headers);
}

HttpResponse TestApp::raw(const std::string& method, const std::string& path, const std::string& body,
                          const std::map<std::string, std::string>& headers) {
    return send_request(port_, method, path, body, headers);
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [k, v] : fields) {
        if (!out.empty()) out += '&';
        out += httplib::detail::encode_query_param(k) + "=" + httplib::detail::encode_query_param(v);
    }
    return out;
}

HttpResponse WebSession::send(const std::string& method, const std::string& path, const std::string& body,
                              std::map<std::string, std::string> headers) {
    for (const auto& [name, value] : extra_headers_) headers.emplace(name, value);
    std::string cookie_header;
    for (const auto& [k, v] : cookies_) cookie_header += (cookie_header.empty() ? "" : "; ") + k + "=" + v;
    if (!cookie_header.empty()) headers["Cookie"] = cookie_header;
    auto response = send_request(app_.port(), method, path, body, headers);
    // Remember cookies (Max-Age=0 deletes).
    std::string all = response.header("set-cookie");
    std::size_t start = 0;
    while (start < all.size()) {
        auto end = all.find('\n', start);
        std::string line = all.substr(start, end == std::string::npos ? std::string::npos : end - start);
        auto eq = line.find('=');
        auto semi = line.find(';');
        if (eq != std::string::npos) {
            std::string name = line.substr(0, eq);
            std::string value = line.substr(eq + 1, (semi == std::string::npos ? line.size() : semi) - eq - 1);
            if (line.find("Max-Age=0") != std::string::npos || value.empty()) cookies_.erase(name);
            else cookies_[name] = value;
        }
        if (end == std::string::npos) break;
        start = end + 1;
    }
    // Remember the CSRF token of the last page that carried one.
    static const std::regex csrf_re(R"re(name="(?:_csrf|csrf-token)"\s+(?:value|content)="([^"]+)")re");
    std::smatch m;
    if (std::regex_search(response.body, m, csrf_re)) csrf_ = m[1];
    return response;
}

HttpResponse WebSession::get(const std::string& path, bool htmx) {
    std::map<std::string, std::string> headers;
    if (htmx) headers["HX-Request"] = "true";
    return send("GET", path, "", headers);
}

HttpResponse WebSession::post(const std::string& path, std::vector<std::pair<std::string, std::string>> fields,
                              bool with_csrf, bool htmx) {
    if (with_csrf && !csrf_.empty()) fields.emplace_back("_csrf", csrf_);
    std::map<std::string, std::string> headers{{"Content-Type", "application/x-www-form-urlencoded"}};
    if (htmx) headers["HX-Request"] = "true";
    return send("POST", path, form_encode(fields), headers);
}

HttpResponse WebSession::post_file(const std::string& path, std::vector<std::pair<std::string, std::string>> fields,
                                   const std::string& file_field, const std::string& file_name,
                                   const std::string& content, bool with_csrf) {
    if (with_csrf && !csrf_.empty()) fields.emplace_back("_csrf", csrf_);
    const std::string boundary = "----comptoir-test-" + sha256_hex(content).substr(0, 16);
    std::string body;
    for (const auto& [name, value] : fields)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file_field + "\"; filename=\"" + file_name +
            "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
    return send("POST", path, body, {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
}

HttpResponse WebSession::login(const std::string& email, const std::string& password) {
    get("/login");
    return post("/login", {{"email", email}, {"password", password}});
}

std::string WebSession::cookie(const std::string& name) const {
    auto it = cookies_.find(name);
    return it == cookies_.end() ? std::string() : it->second;
}

}  // namespace comptoir::testing
