package dev.asyncorm;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The options of Django's model {@code Meta} that change query results, on a JPA entity.
 * <pre class="code">
 * &#64;Entity
 * &#64;ModelOptions(ordering = {"-pubDate", "headline"}, getLatestBy = "pubDate")
 * class Article { … }
 * </pre>
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ModelOptions {

	/**
	 * The default order of every queryset of the model, {@code "-field"} descending; cleared by
	 * {@code orderBy()} with no arguments.
	 * @return the fields
	 */
	String[] ordering() default {};

	/**
	 * The fields {@code latest()} and {@code earliest()} use when called without any.
	 * @return the fields
	 */
	String[] getLatestBy() default {};

}
