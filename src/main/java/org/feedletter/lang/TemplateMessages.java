package org.feedletter.lang;

import freemarker.template.SimpleScalar;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.utility.DeepUnwrap;
import java.util.List;

/**
 * What templates call {@code msg}: {@code ${msg("digest.readMore")}}, {@code ${msg("digest.footer", title)}}, and
 * {@code ${msg.plural("digest.andMore", n)}} (the count is {@code {0}}, further arguments {@code {1}} on). The text
 * comes back as a plain string, so an HTML template escapes it (and its arguments) like any other value.
 */
public final class TemplateMessages implements TemplateMethodModelEx, TemplateHashModel {

    private final Messages messages;
    private final TemplateMethodModelEx plural;

    public TemplateMessages(Messages messages) {
        this.messages = messages;
        this.plural = arguments -> {
            if (arguments.size() < 2) {
                throw new TemplateModelException(
                        "msg.plural needs a key and a count, e.g. msg.plural(\"digest.andMore\", n)");
            }
            if (!(arguments.get(1) instanceof TemplateNumberModel count)) {
                throw new TemplateModelException(
                        "msg.plural(\"" + key(arguments) + "\", ...): the count must be a number");
            }
            return answer(() -> messages.plural(key(arguments), count.getAsNumber().longValue(),
                    rest(arguments, 2)));
        };
    }

    public Messages messages() {
        return messages;
    }

    @Override
    public Object exec(List arguments) throws TemplateModelException {
        if (arguments.isEmpty()) {
            throw new TemplateModelException("msg needs a key, e.g. msg(\"digest.readMore\")");
        }
        return answer(() -> messages.text(key(arguments), rest(arguments, 1)));
    }

    @Override
    public TemplateModel get(String key) {
        return "plural".equals(key) ? plural : null;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    private interface Text {
        String get() throws TemplateModelException;
    }

    private static SimpleScalar answer(Text text) throws TemplateModelException {
        try {
            return new SimpleScalar(text.get());
        } catch (Messages.MissingMessage e) {
            throw new TemplateModelException(e.getMessage());
        }
    }

    private static String key(List<?> arguments) throws TemplateModelException {
        Object key = DeepUnwrap.unwrap((TemplateModel) arguments.get(0));
        if (!(key instanceof String text)) {
            throw new TemplateModelException("msg: the first argument must be a message key, a string");
        }
        return text;
    }

    private static Object[] rest(List<?> arguments, int from) throws TemplateModelException {
        Object[] values = new Object[Math.max(0, arguments.size() - from)];
        for (int i = from; i < arguments.size(); i++) {
            Object value = DeepUnwrap.unwrap((TemplateModel) arguments.get(i));
            values[i - from] = value == null ? "" : value;
        }
        return values;
    }
}
