// Chorus Pro against a local stand-in that follows the published contract (chorus_stub.py, a
// Python http.server started by the test): a public-sector client, the connection settings with
// write-only secrets, a deposit of the issued invoice's Factur-X (service code and commitment
// number inside), the status polled until integrated, and the refusals.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

#include "modules/einvoice/facturx/facturx.hpp"
#include "tests/support/test_app.hpp"

extern char** environ;

namespace comptoir::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class ChorusApi : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        stub_dir = fs::path(::testing::TempDir()) / ("chorus-stub-" + std::to_string(::getpid()) + backend_name(GetParam()));
        fs::remove_all(stub_dir);
        fs::create_directories(stub_dir);
        const std::string script = std::string(COMPTOIR_EINVOICE_TESTS) + "/chorus_stub.py";
        std::string dir = stub_dir.string();
        char* argv[] = {const_cast<char*>("python3"), const_cast<char*>(script.c_str()), dir.data(), nullptr};
        ASSERT_EQ(posix_spawnp(&stub_pid, "python3", nullptr, nullptr, argv, environ), 0);
        for (int i = 0; i < 100 && !fs::exists(stub_dir / "port"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        ASSERT_TRUE(fs::exists(stub_dir / "port")) << "the Chorus Pro stand-in did not start";
        std::ifstream(stub_dir / "port") >> port;

        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Atelier Dupont", "admin@dupont.test");
        admin = acme.admin_token;
        ASSERT_EQ(app->api("PATCH", "/api/v1/company", admin,
                           json{{"siren", "443 061 841"}, {"vat_number", "FR64443061841"}, {"address_line1", "12 rue de la République"},
                                {"postal_code", "69002"}, {"city", "Lyon"}, {"iban", "FR76 3000 6000 0112 3456 7890 189"}})
                      .status,
                  200);
        auto c = app->api("POST", "/api/v1/clients", admin,
                          json{{"legal_name", "Mairie de Villeneuve"}, {"siret", "217 500 016 00019"},
                               {"billing_address", {{"line1", "Place de la Mairie"}, {"postal_code", "75001"}, {"city", "Paris"}}}});
        ASSERT_EQ(c.status, 201) << c.body;
        client_id = c.json()["id"].get<std::int64_t>();
    }
    void TearDown() override {
        if (stub_pid > 0) {
            ::kill(stub_pid, SIGTERM);
            ::waitpid(stub_pid, nullptr, 0);
        }
        fs::remove_all(stub_dir);
    }

    json settings(const std::string& secret = "s3cret") const {
        const std::string base = "http://127.0.0.1:" + std::to_string(port);
        return {{"enabled", true},      {"token_url", base + "/api/oauth/token"}, {"api_url", base},
                {"client_id", "test-app"}, {"client_secret", secret},             {"login", "tech@mairie.test"},
                {"password", "motdepasse"}};
    }

    std::int64_t issued_invoice() {
        auto d = app->api("POST", "/api/v1/documents", admin,
                          json{{"type", "invoice"}, {"client_id", client_id},
                               {"lines", json::array({{{"description", "Maintenance annuelle"}, {"quantity", "1"},
                                                       {"unit_price", "1200"}, {"vat_rate", "20"}}})}});
        EXPECT_EQ(d.status, 201) << d.body;
        const auto id = d.json()["id"].get<std::int64_t>();
        EXPECT_EQ(app->api("POST", "/api/v1/documents/" + std::to_string(id) + "/validate", admin).status, 200);
        return id;
    }

    fs::path stub_dir;
    pid_t stub_pid = 0;
    int port = 0;
    std::unique_ptr<TestApp> app;
    TestCompany acme;
    std::string admin;
    std::int64_t client_id = 0;
};

TEST_P(ChorusApi, SubmitsTheFacturXAndFollowsItsStatus) {
    const std::string client = "/api/v1/clients/" + std::to_string(client_id) + "/public-sector";
    auto marked = app->api("PUT", client, admin,
                           json{{"public_sector", true}, {"service_code", "SERV-TECH-01"}, {"commitment_number", "EJ-2026-000123"}});
    ASSERT_EQ(marked.status, 200) << marked.body;
    auto s = app->api("PUT", "/api/v1/einvoice/chorus/settings", admin, settings());
    ASSERT_EQ(s.status, 200) << s.body;
    EXPECT_EQ(s.json()["client_secret_set"], true);
    EXPECT_EQ(s.body.find("s3cret"), std::string::npos);  // never returned
    EXPECT_EQ(s.body.find("motdepasse"), std::string::npos);

    const auto id = issued_invoice();
    const std::string doc = "/api/v1/documents/" + std::to_string(id);
    auto submitted = app->api("POST", doc + "/chorus", admin);
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    EXPECT_EQ(submitted.json()["flow_number"], "FLUX-000001");
    EXPECT_EQ(submitted.json()["status"], "pending");
    // What Chorus Pro received is the Factur-X, with the service code and the commitment inside.
    std::ifstream in(stub_dir / "deposit-1.bin", std::ios::binary);
    std::string pdf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto info = einvoice::facturx::read_pdf(pdf);
    ASSERT_TRUE(info);
    ASSERT_EQ(info->attachments.size(), 1u);
    const std::string& xml = info->attachments[0].bytes;
    EXPECT_NE(xml.find("<ram:BuyerReference>SERV-TECH-01</ram:BuyerReference>"), std::string::npos);
    EXPECT_NE(xml.find("EJ-2026-000123"), std::string::npos);

    auto first = app->api("POST", doc + "/chorus/refresh", admin);
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(first.json()["status"], "pending");
    auto second = app->api("POST", doc + "/chorus/refresh", admin);
    EXPECT_EQ(second.json()["status"], "integrated");
    EXPECT_EQ(second.json()["state"], "IN_INTEGRE");
    auto list = app->api("GET", doc + "/chorus", admin).json();
    ASSERT_EQ(list["items"].size(), 1u);
    EXPECT_EQ(list["items"][0]["status"], "integrated");

    // The document's e-invoice page shows it.
    WebSession web(*app);
    ASSERT_EQ(web.login("admin@dupont.test", acme.admin_password).status, 303);
    auto page = web.get("/documents/" + std::to_string(id) + "/einvoice");
    EXPECT_NE(page.body.find("FLUX-000001"), std::string::npos);
    EXPECT_NE(page.body.find("Intégrée par Chorus Pro"), std::string::npos);
}

TEST_P(ChorusApi, RefusalsAreNamed) {
    const auto id = issued_invoice();
    const std::string doc = "/api/v1/documents/" + std::to_string(id);
    auto not_public = app->api("POST", doc + "/chorus", admin);
    EXPECT_EQ(not_public.status, 409);
    EXPECT_EQ(not_public.json()["code"], "chorus.not_public");
    const std::string client = "/api/v1/clients/" + std::to_string(client_id) + "/public-sector";
    EXPECT_EQ(app->api("PUT", client, admin, json{{"public_sector", false}, {"service_code", "X"}}).status, 422);
    ASSERT_EQ(app->api("PUT", client, admin, json{{"public_sector", true}}).status, 200);
    EXPECT_EQ(app->api("POST", doc + "/chorus", admin).json()["code"], "chorus.not_configured");
    ASSERT_EQ(app->api("PUT", "/api/v1/einvoice/chorus/settings", admin, settings("wrong")).status, 200);
    auto refused = app->api("POST", doc + "/chorus", admin);
    EXPECT_EQ(refused.status, 409);
    EXPECT_EQ(refused.json()["code"], "chorus.auth");
    EXPECT_EQ(app->api("GET", doc + "/chorus", admin).json()["items"].size(), 0u);  // nothing recorded
    auto reader = app->add_user(acme, "lecture@dupont.test", "read_only");
    EXPECT_EQ(app->api("POST", doc + "/chorus", reader).status, 403);
    EXPECT_EQ(app->api("PUT", "/api/v1/einvoice/chorus/settings", reader, settings()).status, 403);
    auto other = app->create_company("Autre", "admin@autre.test");
    EXPECT_EQ(app->api("GET", client, other.admin_token).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, ChorusApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
