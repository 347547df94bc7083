// Test support: a real Comptoir server on an ephemeral loopback port, on a fresh SQLite file or a fresh
// PostgreSQL schema, and HTTP clients that behave like an API consumer or a logged-in browser.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/app.hpp"

namespace comptoir::testing {

enum class Backend { Sqlite, Postgres };
std::string backend_name(Backend b);
// Both backends, always, so the test list does not depend on when tests were discovered; a
// PostgreSQL test skips itself (SKIP_UNLESS_AVAILABLE) when COMPTOIR_TEST_PG_URL is not set.
std::vector<Backend> backends();
bool postgres_available();

#define SKIP_UNLESS_AVAILABLE(backend)                                                                           \
    if ((backend) == ::comptoir::testing::Backend::Postgres && !::comptoir::testing::postgres_available())      \
    GTEST_SKIP() << "PostgreSQL tests need COMPTOIR_TEST_PG_URL (make test starts a cluster and sets it)"

// A valid SIREN (Luhn key) derived from `seed`, distinct for distinct seeds in practice: for the
// business clients of tests that issue invoices (a French B2B e-invoice names the buyer's SIREN).
std::string valid_siren(const std::string& seed);

struct HttpResponse {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names; last value wins
    nlohmann::json json() const;                 // parsed body (discarded value when not JSON)
    std::string header(const std::string& name) const;
};

struct TestCompany {
    std::int64_t id = 0;
    std::string admin_email;
    std::string admin_password;
    std::string admin_token;  // a bearer token for the admin
};

class TestApp {
public:
    explicit TestApp(Backend backend);
    ~TestApp();
    TestApp(const TestApp&) = delete;
    TestApp& operator=(const TestApp&) = delete;

    App& app() { return *app_; }
    // Stops the server and the app, runs `while_stopped` on the database (if given), and starts them
    // again on the same data, as a new version of the server would start (migrations first).
    void restart(const std::function<void(store::Connection&)>& while_stopped = {});
    int port() const { return port_; }
    Backend backend() const { return backend_; }

    // A new company with its admin (and a bearer token for that admin). Only its name is known, as
    // after `comptoir init`: it cannot issue e-invoices until its identity is filled in.
    TestCompany create_company(const std::string& name, const std::string& admin_email);
    // Fills in the legal identity an issued invoice carries (SIREN, SIRET, VAT number, address in
    // Lyon, IBAN/BIC), as an admin does in Administration › Société before the first invoice.
    void identify_company(const TestCompany& company);
    // A user of `company` with `role` ("admin", "sales", "accountant", "read_only"); returns a bearer token.
    std::string add_user(const TestCompany& company, const std::string& email, const std::string& role,
                         const std::string& password = "correct horse battery");

    // API calls with a bearer token (empty token: none sent).
    HttpResponse api(const std::string& method, const std::string& path, const std::string& token,
                     const std::optional<nlohmann::json>& body = std::nullopt);
    // The display names a client search returns through the API (first page of up to 200), sorted.
    std::vector<std::string> searched_names(const std::string& token, const std::string& q);
    HttpResponse raw(const std::string& method, const std::string& path, const std::string& body,
                     const std::map<std::string, std::string>& headers);

private:
    void start();
    void stop();

    Backend backend_;
    std::string temp_dir_;
    std::string pg_schema_;
    AppConfig config_;
    std::unique_ptr<App> app_;
    std::thread thread_;
    int port_ = 0;
};

// A browser-like client: keeps cookies, reads the CSRF token from the last page, posts forms.
class WebSession {
public:
    explicit WebSession(TestApp& app) : app_(app) {}
    HttpResponse get(const std::string& path, bool htmx = false);
    // Posts a form; adds the CSRF token (from the last page or the login cookie) unless `with_csrf` is false.
    HttpResponse post(const std::string& path, std::vector<std::pair<std::string, std::string>> fields,
                      bool with_csrf = true, bool htmx = false);
    // Posts a multipart form (a file upload) with `fields` and one file part; adds the CSRF token
    // as a form part unless `with_csrf` is false.
    HttpResponse post_file(const std::string& path, std::vector<std::pair<std::string, std::string>> fields,
                           const std::string& file_field, const std::string& file_name, const std::string& content,
                           bool with_csrf = true);
    // Logs in through the login page; returns the final response (303 on success).
    HttpResponse login(const std::string& email, const std::string& password);
    const std::string& csrf() const { return csrf_; }
    std::string cookie(const std::string& name) const;
    // Sent with every later request (e.g. X-Forwarded-For, as a reverse proxy would add it).
    void set_header(const std::string& name, const std::string& value) { extra_headers_[name] = value; }

private:
    HttpResponse send(const std::string& method, const std::string& path, const std::string& body,
                      std::map<std::string, std::string> headers);
    TestApp& app_;
    std::map<std::string, std::string> cookies_;
    std::map<std::string, std::string> extra_headers_;
    std::string csrf_;
};

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace comptoir::testing
