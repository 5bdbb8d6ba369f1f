#pragma once
// A notification as people read it: its template (config/templates/<language>.yaml) filled with
// the instance's data, each value readable (readable_value.hpp), in the receiver's language.
// Channels render when they send, so a message is in the language the receiver has then.
#include <functional>
#include <string>
#include <string_view>

#include "engine/definition/catalogue.hpp"
#include "engine/definition/template_catalogue.hpp"
#include "engine/model/notification.hpp"
#include "engine/model/result.hpp"

namespace seminarflow {

struct RenderedMessage {
    std::string language;  // the language it was rendered in ("vi", "en")
    std::string subject;   // one line
    std::string body;      // plain text, lines separated by '\n', UTF-8
};

struct RenderingDefaults {
    std::string language = "vi";             // for a receiver whose language has no templates
    std::string zone = "Asia/Ho_Chi_Minh";  // for an event whose data names no known `timezone`
    // Told (a sentence) of data the message was rendered in spite of: a `timezone` the database
    // does not know, read as `zone`. Called from whichever thread renders; must not block.
    std::function<void(const std::string&)> warn = {};
};

class MessageRenderer {
public:
    // Both catalogues must outlive the renderer.
    MessageRenderer(const TemplateCatalogue& templates, const Catalogue& workflows, RenderingDefaults defaults = {});

    // The receiver's language ("vi"/"en"); a language the templates lack falls back to the
    // default. Fails only for a notification whose template is not loaded.
    Result<RenderedMessage, std::string> render(const Notification& notification, std::string_view language) const;

private:
    const TemplateCatalogue& templates_;
    const Catalogue& workflows_;
    RenderingDefaults defaults_;
};

}  // namespace seminarflow
