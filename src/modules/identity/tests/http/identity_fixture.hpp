// Shared fixture of the identity module's HTTP tests: a fresh server per test (SQLite, and PostgreSQL
// when COMPTOIR_TEST_PG_URL is set) with one company "Alpha" and its admin.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string>

#include "tests/support/test_app.hpp"

namespace comptoir::identity::testing {

using comptoir::testing::Backend;
using comptoir::testing::HttpResponse;
using comptoir::testing::TestApp;
using comptoir::testing::TestCompany;
using comptoir::testing::WebSession;

inline constexpr const char* kUserPassword = "correct horse battery";

class IdentityHttpTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app_ = std::make_unique<TestApp>(GetParam());
        alpha_ = app_->create_company("Alpha", "admin@alpha.fr");
    }
    void TearDown() override { app_.reset(); }

    TestApp& app() { return *app_; }
    const TestCompany& alpha() const { return alpha_; }

    // A browser session logged in as `email`, with a CSRF token read from the home page.
    std::unique_ptr<WebSession> logged_in(const std::string& email, const std::string& password) {
        auto session = std::make_unique<WebSession>(*app_);
        auto response = session->login(email, password);
        EXPECT_EQ(response.status, 303) << response.body;
        EXPECT_EQ(session->get("/").status, 200);
        return session;
    }
    std::unique_ptr<WebSession> admin_session() { return logged_in(alpha_.admin_email, alpha_.admin_password); }

    // The id of a user, looked up through the API with the admin's token.
    std::int64_t user_id(const std::string& email, const std::string& admin_token) {
        auto list = app_->api("GET", "/api/v1/users?limit=200", admin_token).json();
        for (const auto& u : list["data"])
            if (u["email"] == email) return u["id"].get<std::int64_t>();
        ADD_FAILURE() << "no user " << email;
        return 0;
    }

    std::unique_ptr<TestApp> app_;
    TestCompany alpha_;
};

// The first capture group of `pattern` in `text`, or "".
inline std::string capture(const std::string& text, const std::string& pattern) {
    std::smatch m;
    if (std::regex_search(text, m, std::regex(pattern))) return m[1];
    return {};
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The fields named in a problem+json body.
inline std::set<std::string> problem_fields(const HttpResponse& r) {
    std::set<std::string> out;
    auto body = r.json();
    if (body.is_object() && body.contains("errors"))
        for (const auto& e : body["errors"]) out.insert(e["field"].get<std::string>());
    return out;
}

inline std::string backend_label(const ::testing::TestParamInfo<Backend>& info) {
    return comptoir::testing::backend_name(info.param);
}

}  // namespace comptoir::identity::testing

// Declares a test suite on the shared fixture, run once per backend.
#define IDENTITY_HTTP_SUITE(Name)                                                                          \
    class Name : public ::comptoir::identity::testing::IdentityHttpTest {};                                \
    INSTANTIATE_TEST_SUITE_P(Backends, Name, ::testing::ValuesIn(::comptoir::testing::backends()),         \
                             ::comptoir::identity::testing::backend_label)
