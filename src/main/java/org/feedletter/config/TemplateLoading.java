package org.feedletter.config;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Freemarker set-up digests, confirmation mails and web pages share: the operator's folder first, then ours. */
public final class TemplateLoading {

    private TemplateLoading() {}

    /** Templates from the operator's folder where it has them, else the bundled ones; errors are thrown, not logged. */
    public static Configuration freemarker(Optional<Path> operatorTemplates) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        List<TemplateLoader> loaders = new ArrayList<>();
        if (operatorTemplates.isPresent()) {
            try {
                loaders.add(new FileTemplateLoader(operatorTemplates.get().toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the template folder " + operatorTemplates.get(), e);
            }
        }
        loaders.add(new ClassTemplateLoader(TemplateLoading.class, "/templates"));
        cfg.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
        cfg.setDefaultEncoding("UTF-8");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        return cfg;
    }
}
