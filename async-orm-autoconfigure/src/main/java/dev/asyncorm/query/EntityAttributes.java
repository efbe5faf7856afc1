package dev.asyncorm.query;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;

import jakarta.persistence.metamodel.Attribute;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Reads and writes an entity's attributes the way JPA maps them: through the field, or through
 * the property when the mapping is on getters.
 *
 * @since 0.1.0
 */
public final class EntityAttributes {

	private EntityAttributes() {
	}

	/**
	 * Reads an attribute of an entity through its field or getter.
	 * @param entity the entity
	 * @param attribute the attribute
	 * @return its value
	 */
	public static @Nullable Object get(Object entity, Attribute<?, ?> attribute) {
		Member member = attribute.getJavaMember();
		if (member instanceof Field field) {
			ReflectionUtils.makeAccessible(field);
			return ReflectionUtils.getField(field, entity);
		}
		if (member instanceof Method method) {
			ReflectionUtils.makeAccessible(method);
			return ReflectionUtils.invokeMethod(method, entity);
		}
		throw new IllegalStateException("Cannot read " + attribute.getName() + " of " + entity.getClass().getName());
	}

	/**
	 * Writes an attribute of an entity through its field, or its setter when mapped on properties.
	 * @param entity the entity
	 * @param attribute the attribute
	 * @param value the value
	 */
	public static void set(Object entity, Attribute<?, ?> attribute, @Nullable Object value) {
		Member member = attribute.getJavaMember();
		if (member instanceof Field field) {
			ReflectionUtils.makeAccessible(field);
			ReflectionUtils.setField(field, entity, value);
			return;
		}
		PropertyDescriptor descriptor = BeanUtils.getPropertyDescriptor(entity.getClass(), attribute.getName());
		if (descriptor == null || descriptor.getWriteMethod() == null) {
			throw new IllegalStateException("Cannot write " + attribute.getName() + " of " + entity.getClass().getName());
		}
		ReflectionUtils.makeAccessible(descriptor.getWriteMethod());
		ReflectionUtils.invokeMethod(descriptor.getWriteMethod(), entity, value);
	}

}
