package io.ormcalc.api;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/** Applies {@link BodySizeLimit} to bodies that arrive without a Content-Length. */
@Provider
public class BodySizeInterceptor implements ReaderInterceptor {

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    context.setInputStream(BodySizeLimit.limit(context.getInputStream()));
    return context.proceed();
  }
}
