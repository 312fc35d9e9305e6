#include "auditor/policy/safe_xml.h"

#include <mutex>

#include <fmt/format.h>

#include "auditor/core/place.h"
#include "auditor/core/text_file.h"

namespace attt::policy {

namespace {

// Swallows libxml2's own printing to stderr; errors are read from the context instead.
void ignore_structured_error(void* /*user*/, xmlError* /*error*/) {}

std::string trimmed(const char* message) {
    std::string text = message == nullptr ? "unknown error" : message;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

/// Finds a DTD or entity declaration; their only use in a policy would be an attack.
std::optional<std::size_t> find_declaration(std::string_view text) {
    for (std::string_view marker : {"<!DOCTYPE", "<!ENTITY", "<!doctype"}) {
        if (auto at = text.find(marker); at != std::string_view::npos) {
            return at;
        }
    }
    return std::nullopt;
}

}  // namespace

void initialise_libxml() {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
}

Result<XmlDocPtr> parse_xml_safely(const std::string& path, std::string_view text) {
    initialise_libxml();
    xmlSetStructuredErrorFunc(nullptr, ignore_structured_error);
    if (auto utf8 = require_utf8(path, text); !utf8) {
        return tl::unexpected(utf8.error());
    }
    if (auto at = find_declaration(text)) {
        return fail(
            fmt::format("{}: DTDs and entity declarations are not allowed (refused for "
                        "safety: external entities and entity expansion)",
                        file_place(path, line_of_offset(text, *at))));
    }
    XmlParserCtxtPtr ctxt(xmlNewParserCtxt());
    if (!ctxt) {
        return fail(fmt::format("{}: cannot create an XML parser", path));
    }
    // NONET: never fetch anything. No NOENT, DTDLOAD, DTDATTR or XINCLUDE: nothing is expanded
    // or loaded. No HUGE: libxml2 keeps its own depth and size limits.
    constexpr int kOptions =
        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    XmlDocPtr doc(xmlCtxtReadMemory(
        ctxt.get(), text.data(), static_cast<int>(text.size()), path.c_str(), "UTF-8", kOptions));
    if (!doc || ctxt->wellFormed == 0) {
        const xmlError* error = xmlCtxtGetLastError(ctxt.get());
        const auto line = error != nullptr ? static_cast<std::size_t>(error->line) : 0;
        return fail(fmt::format("{}: malformed XML: {}",
                                file_place(path, line),
                                trimmed(error != nullptr ? error->message : nullptr)));
    }
    return doc;
}

Result<XmlDocPtr> read_xml_file(const std::string& path, std::size_t max_bytes) {
    auto text = read_text_file(path, max_bytes);
    if (!text) {
        return tl::unexpected(text.error());
    }
    return parse_xml_safely(path, *text);
}

}  // namespace attt::policy
