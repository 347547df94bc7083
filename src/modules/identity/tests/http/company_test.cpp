// The company's legal identity and logo, through the admin page and /api/v1/company.
#include "modules/identity/tests/http/identity_fixture.hpp"

#include <map>

namespace comptoir::identity::testing {
namespace {

IDENTITY_HTTP_SUITE(CompanyTest);

const std::vector<std::pair<std::string, std::string>> kValidForm = {
    {"name", "Alpha SARL"},         {"legal_form", "SARL"},          {"siren", "732 829 320"},
    {"siret", "732 829 320 00074"}, {"vat_number", "FR44 732829320"}, {"rcs_city", "Paris"},
    {"share_capital", "10 000,00"}, {"address_line1", "1 rue de la Paix"}, {"address_line2", ""},
    {"postal_code", "75002"},       {"city", "Paris"},               {"country", "fr"},
    {"phone", "01 23 45 67 89"},    {"email", "Contact@Alpha.fr"},   {"website", "alpha.fr"},
    {"iban", "FR76 3000 6000 0112 3456 7890 189"}, {"bic", "BNPAFRPP"}, {"accounting_code_rule", "411{NAME:5}{SEQ:3}"}};

std::string multipart(const std::string& boundary, const std::string& filename, const std::string& bytes) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"" + filename +
           "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
}

HttpResponse upload_logo(TestApp& app, WebSession& browser, const std::string& bytes) {
    const std::string boundary = "----comptoirboundary7MA4YWxk";
    return app.raw("POST", "/admin/company/logo?_csrf=" + browser.csrf(), multipart(boundary, "logo.bin", bytes),
                   {{"Content-Type", "multipart/form-data; boundary=" + boundary},
                    {"Cookie", "comptoir_session=" + browser.cookie("comptoir_session")}});
}

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, '\x01');
const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0", 4) + std::string(100, '\x02');

TEST_P(CompanyTest, AdminSavesTheLegalIdentity) {
    auto browser = admin_session();
    auto page = browser->get("/admin/company");
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, R"(name="accounting_code_rule" type="text" value="411{NAME:5}{SEQ:3}")"));
    auto saved = browser->post("/admin/company", kValidForm);
    EXPECT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(saved.header("location"), "/admin/company?saved=1");

    auto company = app().api("GET", "/api/v1/company", alpha().admin_token).json();
    EXPECT_EQ(company["name"], "Alpha SARL");
    EXPECT_EQ(company["siren"], "732829320");
    EXPECT_EQ(company["siret"], "73282932000074");
    EXPECT_EQ(company["vat_number"], "FR44732829320");
    EXPECT_EQ(company["share_capital_cents"], 1000000);
    EXPECT_EQ(company["share_capital"], "10000.00");
    EXPECT_EQ(company["country"], "FR");
    EXPECT_EQ(company["email"], "contact@alpha.fr");
    EXPECT_EQ(company["website"], "https://alpha.fr");
    EXPECT_EQ(company["iban"], "FR7630006000011234567890189");
    // The form shows the amount the French way.
    EXPECT_TRUE(contains(browser->get("/admin/company").body, R"(value="10 000,00")"));
}

TEST_P(CompanyTest, PageShowsEveryWrongFieldAndSavesNothing) {
    auto browser = admin_session();
    auto form = kValidForm;
    std::map<std::string, std::string> bad = {
        {"name", ""},         {"siren", "123456789"},     {"siret", "123"},          {"vat_number", "FR00123"},
        {"share_capital", "dix"}, {"postal_code", std::string(21, '1')}, {"country", "France"},    {"phone", "appelez"},
        {"email", "nope"},    {"website", "pas un site"}, {"iban", "FR76 1234"},     {"bic", "B"},
        {"accounting_code_rule", "411"}};
    for (auto& [name, value] : form)
        if (bad.contains(name)) value = bad[name];
    auto response = browser->post("/admin/company", form);
    EXPECT_EQ(response.status, 422);
    for (const auto& [name, value] : bad) {
        EXPECT_TRUE(contains(response.body, "id=\"company-" + name + "-error\"")) << name;
        EXPECT_TRUE(std::regex_search(response.body, std::regex("name=\"" + name + "\"[^>]*class=\"is-invalid\""))) << name;
    }
    EXPECT_TRUE(contains(response.body, R"(value="dix")"));  // what was typed is kept
    EXPECT_EQ(app().api("GET", "/api/v1/company", alpha().admin_token).json()["name"], "Alpha");
}

TEST_P(CompanyTest, ApiNamesEveryWrongField) {
    nlohmann::json body = {{"name", ""},          {"legal_form", std::string(51, 'x')}, {"siren", "123456789"},
                           {"siret", "123"},      {"vat_number", "ZZ123"},               {"rcs_city", std::string(101, 'x')},
                           {"share_capital", "-5"}, {"address_line1", std::string(201, 'x')}, {"address_line2", "\x01"},
                           {"postal_code", std::string(21, '1')}, {"city", std::string(101, 'x')},    {"country", "FRA"},
                           {"phone", "12"},       {"email", "x@"},                       {"website", "http://"},
                           {"iban", "DE00"},      {"bic", "12345678"},                   {"accounting_code_rule", "{SEQ:99}"}};
    auto r = app().api("PATCH", "/api/v1/company", alpha().admin_token, body);
    EXPECT_EQ(r.status, 422) << r.body;
    std::set<std::string> expected;
    for (auto it = body.begin(); it != body.end(); ++it) expected.insert(it.key());
    EXPECT_EQ(problem_fields(r), expected);

    auto types = app().api("PATCH", "/api/v1/company", alpha().admin_token,
                           nlohmann::json{{"siren", 732829320}, {"logo_file", "x"}});
    EXPECT_EQ(problem_fields(types), (std::set<std::string>{"siren", "logo_file"}));
    EXPECT_EQ(app().api("GET", "/api/v1/company", alpha().admin_token).json()["name"], "Alpha");
}

TEST_P(CompanyTest, ApiPatchKeepsWhatIsNotSent) {
    auto first = app().api("PATCH", "/api/v1/company", alpha().admin_token,
                           nlohmann::json{{"siren", "732829320"}, {"share_capital", 1500.5}});
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(first.json()["share_capital_cents"], 150050);
    auto second = app().api("PATCH", "/api/v1/company", alpha().admin_token, nlohmann::json{{"city", "Lyon"}});
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(second.json()["siren"], "732829320");
    EXPECT_EQ(second.json()["share_capital_cents"], 150050);
    EXPECT_EQ(second.json()["name"], "Alpha");
}

TEST_P(CompanyTest, LogoUploadAcceptsPngAndJpegOnly) {
    auto browser = admin_session();
    browser->get("/admin/company");
    auto png = upload_logo(app(), *browser, kPng);
    EXPECT_EQ(png.status, 303) << png.body;
    auto served = browser->get("/company/logo");
    EXPECT_EQ(served.status, 200);
    EXPECT_EQ(served.header("content-type"), "image/png");
    EXPECT_EQ(served.body, kPng);

    // Every logged-in user sees it; guests don't.
    app().add_user(alpha(), "ro@alpha.fr", "read_only");
    EXPECT_EQ(logged_in("ro@alpha.fr", kUserPassword)->get("/company/logo").status, 200);
    EXPECT_EQ(WebSession(app()).get("/company/logo").status, 303);

    EXPECT_EQ(upload_logo(app(), *browser, kJpeg).status, 303);
    served = browser->get("/company/logo");
    EXPECT_EQ(served.header("content-type"), "image/jpeg");
    EXPECT_EQ(served.body, kJpeg);

    browser->get("/admin/company");
    auto gif = upload_logo(app(), *browser, "GIF89a-not-allowed");
    EXPECT_EQ(gif.status, 422);
    EXPECT_TRUE(contains(gif.body, "Le logo doit être une image PNG ou JPEG."));
    auto huge = upload_logo(app(), *browser, kPng + std::string(2 * 1024 * 1024, '\0'));
    EXPECT_EQ(huge.status, 422);
    EXPECT_TRUE(contains(huge.body, "2 Mo"));
    EXPECT_EQ(browser->get("/company/logo").body, kJpeg);

    browser->get("/admin/company");
    EXPECT_EQ(browser->post("/admin/company/logo/delete", {}).status, 303);
    EXPECT_EQ(browser->get("/company/logo").status, 404);
}

TEST_P(CompanyTest, NonAdminsCannotUploadALogo) {
    app().add_user(alpha(), "sales@alpha.fr", "sales");
    auto browser = logged_in("sales@alpha.fr", kUserPassword);
    EXPECT_EQ(upload_logo(app(), *browser, kPng).status, 403);
    EXPECT_EQ(browser->get("/company/logo").status, 404);
}

}  // namespace
}  // namespace comptoir::identity::testing
