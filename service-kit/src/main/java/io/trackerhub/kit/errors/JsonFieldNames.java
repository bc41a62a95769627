package io.trackerhub.kit.errors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.inject.Singleton;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/**
 * Bean Validation names a field as the client wrote it in the JSON body, so problem+json's {@code errors} name what
 * was sent: a field's {@code @JsonProperty} name ({@code rate_per_second}), else the snake_case name when its class
 * has {@code @JsonNaming(SnakeCaseStrategy)} ({@code taskId} → {@code task_id}), else the Java name.
 */
@Singleton
public class JsonFieldNames implements ValidatorFactoryCustomizer, PropertyNodeNameProvider {

    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        configuration.propertyNodeNameProvider(this);
    }

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty bean) {
            Class<?> type = bean.getDeclaringClass();
            try {
                JsonProperty json = type.getDeclaredField(property.getName()).getAnnotation(JsonProperty.class);
                if (json != null && !json.value().isEmpty()) {
                    return json.value();
                }
            } catch (NoSuchFieldException e) {
                // a getter without a field of that name: named by the class's strategy below
            }
            JsonNaming naming = type.getAnnotation(JsonNaming.class);
            if (naming != null && naming.value() == PropertyNamingStrategies.SnakeCaseStrategy.class) {
                return SNAKE_CASE.translate(property.getName());
            }
        }
        return property.getName();
    }
}
