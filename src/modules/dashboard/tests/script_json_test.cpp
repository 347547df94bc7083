// The chart data is JSON inside <script type="application/json">: no value may close the element.
#include <gtest/gtest.h>

#include "modules/dashboard/http/dashboard_page.hpp"

namespace comptoir::dashboard {
namespace {

TEST(ScriptSafeJson, NoValueClosesTheScriptElement) {
    const nlohmann::json value = {{"label", "</script><script>alert(1)</script> & <!--"}, {"amounts", {120000, -5}}};
    const std::string text = script_safe_json(value);
    EXPECT_EQ(text.find('<'), std::string::npos);
    EXPECT_EQ(text.find('>'), std::string::npos);
    EXPECT_EQ(text.find('&'), std::string::npos);
    EXPECT_EQ(nlohmann::json::parse(text), value);  // the same data once read back
    EXPECT_EQ(script_safe_json({{"mois", "févr. 26"}}), "{\"mois\":\"févr. 26\"}");
}

}  // namespace
}  // namespace comptoir::dashboard
