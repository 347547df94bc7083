#include "modules/sales/pdf/pdf_test_tools.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace comptoir::sales::pdf::testing {

namespace {

// A temporary file holding the PDF for the duration of one command.
class TempPdf {
public:
    explicit TempPdf(const std::string& bytes) {
        char name[] = "/tmp/comptoir-pdf-test-XXXXXX";
        int fd = mkstemp(name);
        if (fd < 0) throw std::runtime_error("mkstemp failed");
        ::close(fd);
        path_ = name;
        std::ofstream(path_, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    ~TempPdf() { std::remove(path_.c_str()); }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("popen failed: " + command);
    std::array<char, 8192> buffer{};
    size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
    pclose(pipe);
    return out;
}

}  // namespace

bool poppler_available() {
    static const bool available = std::system("command -v pdftotext >/dev/null 2>&1 && command -v pdffonts "
                                              ">/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1") == 0;
    return available;
}

std::string pdf_text(const std::string& pdf, int page) {
    TempPdf file(pdf);
    std::string range = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    return run("pdftotext -enc UTF-8" + range + " '" + file.path() + "' - 2>&1");
}

std::string pdf_fonts(const std::string& pdf) {
    TempPdf file(pdf);
    return run("pdffonts '" + file.path() + "' 2>&1");
}

std::string pdf_images(const std::string& pdf) {
    TempPdf file(pdf);
    return run("pdfimages -list '" + file.path() + "' 2>&1");
}

int pdf_pages(const std::string& pdf) {
    TempPdf file(pdf);
    std::string info = run("pdfinfo '" + file.path() + "' 2>&1");
    auto at = info.find("Pages:");
    if (at == std::string::npos) return -1;
    return std::atoi(info.c_str() + at + 6);
}

std::string gray_pixels(const std::string& pdf, int page, int dpi) {
    TempPdf file(pdf);
    std::string out = file.path() + "-gray";
    run("pdftoppm -gray -singlefile -r " + std::to_string(dpi) + " -f " + std::to_string(page) + " -l " +
        std::to_string(page) + " '" + file.path() + "' '" + out + "' 2>&1");
    std::ifstream in(out + ".pgm", std::ios::binary);
    std::string pgm((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::remove((out + ".pgm").c_str());
    // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    size_t at = 0;
    for (int fields = 0; fields < 3 && at < pgm.size(); ++fields) at = pgm.find('\n', at) + 1;
    if (pgm.rfind("P5", 0) != 0 || at == 0 || at >= pgm.size()) return {};
    return pgm.substr(at);
}

std::string jpeg_of_first_page(const std::string& pdf, int width, int height) {
    TempPdf file(pdf);
    std::string out = file.path() + "-jpeg";
    run("pdftoppm -jpeg -singlefile -f 1 -l 1 -scale-to-x " + std::to_string(width) + " -scale-to-y " +
        std::to_string(height) + " '" + file.path() + "' '" + out + "' 2>&1");
    std::ifstream in(out + ".jpg", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::remove((out + ".jpg").c_str());
    return bytes;
}

std::string plain_spaces(std::string text) {
    for (const char* special : {"\u00a0", "\u202f"}) {
        std::string needle(special);
        for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at)) text.replace(at, needle.size(), " ");
    }
    return text;
}

int count(const std::string& haystack, const std::string& needle) {
    int n = 0;
    for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
    return n;
}

}  // namespace comptoir::sales::pdf::testing
