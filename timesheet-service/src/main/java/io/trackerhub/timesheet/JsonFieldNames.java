package io.trackerhub.timesheet;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/**
 * Bean validation names a field as the client wrote it: a request record with {@code @JsonNaming(SnakeCaseStrategy)}
 * has its {@code taskId} reported as {@code task_id} in problem+json.
 */
@ApplicationScoped
class JsonFieldNames implements ValidatorFactoryCustomizer, PropertyNodeNameProvider {

    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        configuration.propertyNodeNameProvider(this);
    }

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty bean) {
            JsonNaming naming = bean.getDeclaringClass().getAnnotation(JsonNaming.class);
            if (naming != null && naming.value() == PropertyNamingStrategies.SnakeCaseStrategy.class) {
                return SNAKE_CASE.translate(property.getName());
            }
        }
        return property.getName();
    }
}
